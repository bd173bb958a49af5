import { describe, expect, it } from "vitest";
import { createClauseView } from "../createClauseView.ts";
import { readPhrases } from "../readPhrases.ts";
import { tokenize } from "../tokenize.ts";
import { buildTransferCall } from "./buildTransferCall.ts";

const A = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const build = (text: string) =>
  buildTransferCall({ view: createClauseView({ items: readPhrases({ lexemes: tokenize({ text }) }) }), verbIndex: 0 });

describe("buildTransferCall", () => {
  it("reads amount, token and recipient in either order", () => {
    const expected = { ok: true, call: { name: "transfer_tokens", args: { token: "USDC", amount: "5", to: A } } };
    expect(build(`send 5 USDC to ${A}`)).toEqual(expected);
    expect(build(`pay ${A} 5 usdc`)).toEqual(expected);
    expect(build(`give ${A} five bucks`)).toEqual(expected);
    expect(build(`send $5 to ${A}`)).toEqual(expected);
  });
  it("accepts a did:ethr recipient", () => {
    const did = `did:ethr:0x7a69:${A}`;
    expect(build(`pay ${did} 12.5 USDC`)).toMatchObject({ ok: true, call: { args: { to: did, amount: "12.5" } } });
  });
  it("refuses vague amounts, missing tokens and bad recipients", () => {
    expect(build(`send everything to ${A}`)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/"everything"/),
    });
    expect(build(`send 5 to ${A}`)).toMatchObject({ ok: false, reason: expect.stringMatching(/which token/) });
    expect(build("send 5 usdc to 0x1234")).toMatchObject({ ok: false, reason: expect.stringMatching(/4 hex digits/) });
    expect(build("send 5 usdc to bob")).toMatchObject({ ok: false, reason: expect.stringMatching(/no recipient/) });
    expect(build("send 5 usdc to did:ethr:0x7a69:0x12")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not a did:ethr/),
    });
  });
});
