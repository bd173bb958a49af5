import { describe, expect, it } from "vitest";
import { createClauseView } from "../createClauseView.ts";
import { readPhrases } from "../readPhrases.ts";
import { tokenize } from "../tokenize.ts";
import { buildInferenceCall } from "./buildInferenceCall.ts";

const build = (text: string) => {
  const items = readPhrases({ lexemes: tokenize({ text }) });
  const verbIndex = items.findIndex((i) => i.kind === "word" && i.lower === "risk");
  return buildInferenceCall({ view: createClauseView({ items }), verbIndex });
};

describe("buildInferenceCall", () => {
  it("reads the pair, the cap and the default model", () => {
    expect(build("get a verified risk score for WETH/USDC paying at most 2 USDC")).toEqual({
      ok: true,
      call: {
        name: "request_verified_inference",
        args: { model: "risk-v1", subject: "WETH/USDC", maxPayment: "2" },
        why: 'verified: you said "verified", so the escrow pays only once a zero-knowledge proof is checked on-chain',
      },
    });
    expect(build("risk score of the weth-usdc pool for no more than $1.5")).toMatchObject({
      call: { args: { subject: "WETH/USDC", maxPayment: "1.5" } },
    });
    expect(build("risk score for ETH/USDC with risk-v2, max 1 USDC")).toMatchObject({
      call: { args: { subject: "WETH/USDC", model: "risk-v2" } },
    });
  });
  it("refuses a missing cap, a single token and payment in another token", () => {
    expect(build("get a verified risk score for WETH/USDC")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/most to pay/),
    });
    expect(build("risk score for WETH paying 1 USDC")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/pair/),
    });
    expect(build("risk score for WETH/USDC paying 0.01 WETH")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/paid in USDC/),
    });
  });
  it("plans a quick, unproven answer only when the user says one will do, and says why", () => {
    expect(build("what is the risk of WETH/USDC right now quick answer is fine at most 0.05 USDC")).toEqual({
      ok: true,
      call: {
        name: "get_quick_inference",
        args: { model: "risk-v1", subject: "WETH/USDC", maxPayment: "0.05" },
        why: expect.stringMatching(/^quick: you said "quick answer", so an unproven answer paid per call over x402/),
      },
    });
    for (const text of [
      "unproven risk score for WETH/USDC, at most 0.05 USDC",
      "risk score for WETH/USDC no proof needed at most 0.05 USDC",
      "risk score for WETH/USDC without a proof, max 0.05 USDC",
      "risk of WETH/USDC, the proof is not required, up to 0.05 USDC",
      "risk of WETH/USDC, it does not need to be verified, up to 0.05 USDC",
    ]) {
      expect(build(text), text).toMatchObject({ ok: true, call: { name: "get_quick_inference" } });
    }
    // Without a word about it, a paid risk score is the verified one.
    expect(build("what is the risk of WETH/USDC right now, at most 0.05 USDC")).toMatchObject({
      call: { name: "request_verified_inference", why: expect.stringMatching(/^verified: .*unless you say/) },
    });
    expect(build("get a proven risk score for WETH/USDC paying 1 USDC")).toMatchObject({
      call: { name: "request_verified_inference", why: expect.stringMatching(/you said "proven"/) },
    });
  });
  it("refuses an intent that asks for both paths, and a quick answer without a ceiling", () => {
    expect(build("get a verified risk score for WETH/USDC, quick answer is fine, at most 1 USDC")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(
        /quick, unproven answer \("quick answer"\) and for a proven one \("verified"\): say which/,
      ),
    });
    expect(build("quick risk score for WETH/USDC")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/quick answer is paid per call: say the most to pay/),
    });
  });
});
