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
      call: { name: "request_verified_inference", args: { model: "risk-v1", subject: "WETH/USDC", maxPayment: "2" } },
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
});
