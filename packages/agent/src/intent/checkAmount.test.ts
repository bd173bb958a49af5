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
  it("refuses an amount no uint256 can hold, and keeps the largest one that fits", () => {
    const huge = "9".repeat(400);
    expect(checkAmount({ mention: mention(`${huge} usdc`), symbol: "USDC" })).toEqual({
      ok: false,
      reason: `${huge} USDC is more than any USDC amount can be (2^256 - 1 base units)`,
    });
    // 2^256 / 10^18 ETH is one base unit too many; 2^256 / 10^6 USDC too.
    const max = 2n ** 256n - 1n;
    const whole = (decimals: number) => (max / 10n ** BigInt(decimals)).toString();
    expect(checkAmount({ mention: mention(`${whole(6)} usdc`), symbol: "USDC" }).ok).toBe(true);
    expect(checkAmount({ mention: mention(`${BigInt(whole(6)) + 1n} usdc`), symbol: "USDC" }).ok).toBe(false);
    expect(checkAmount({ mention: mention(`${whole(18)} eth`), symbol: "ETH" }).ok).toBe(true);
    expect(checkAmount({ mention: mention(`${BigInt(whole(18)) + 1n} eth`), symbol: "ETH" }).ok).toBe(false);
  });
});
