import { describe, expect, it } from "vitest";
import { checkAmount } from "./checkAmount.ts";
import { createClauseView } from "./createClauseView.ts";
import { readPhrases } from "./readPhrases.ts";
import { tokenize } from "./tokenize.ts";

const mention = (text: string) => createClauseView({ items: readPhrases({ lexemes: tokenize({ text }) }) }).amounts[0]!;

describe("checkAmount", () => {
  it("returns canonical amounts", () => {
    expect(checkAmount({ mention: mention("12.50 usdc"), symbol: "USDC" })).toEqual({ ok: true, amount: "12.5" });
    expect(checkAmount({ mention: mention("0.000000000000000001 eth"), symbol: "ETH" })).toEqual({
      ok: true,
      amount: "0.000000000000000001",
    });
  });
  it("refuses zero, negative and over-precise amounts", () => {
    expect(checkAmount({ mention: mention("0 usdc"), symbol: "USDC" }).ok).toBe(false);
    expect(checkAmount({ mention: mention("-3 usdc"), symbol: "USDC" }).ok).toBe(false);
    const precise = checkAmount({ mention: mention("0.0000001 usdc"), symbol: "USDC" });
    expect(precise).toEqual({ ok: false, reason: "0.0000001 USDC has more than 6 decimals, the most USDC has" });
  });
});
