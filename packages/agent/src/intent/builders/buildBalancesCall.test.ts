import { describe, expect, it } from "vitest";
import { createClauseView } from "../createClauseView.ts";
import { readPhrases } from "../readPhrases.ts";
import { tokenize } from "../tokenize.ts";
import { buildBalancesCall } from "./buildBalancesCall.ts";

const A = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const build = (text: string) =>
  buildBalancesCall({ view: createClauseView({ items: readPhrases({ lexemes: tokenize({ text }) }) }), verbIndex: 0 });

describe("buildBalancesCall", () => {
  it("omits the account for the agent's own balances", () => {
    expect(build("balance of my USDC")).toEqual({ ok: true, call: { name: "get_balances", args: {} } });
  });
  it("reads another account", () => {
    expect(build(`balances of ${A}`)).toEqual({ ok: true, call: { name: "get_balances", args: { account: A } } });
  });
  it("refuses a malformed address", () => {
    expect(build("balances of 0xabc")).toMatchObject({ ok: false, reason: expect.stringMatching(/3 hex digits/) });
  });
});
