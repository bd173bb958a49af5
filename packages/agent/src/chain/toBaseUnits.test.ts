import { describe, expect, it } from "vitest";
import { AmountPrecisionError } from "../errors/amount.ts";
import { toBaseUnits } from "./toBaseUnits.ts";

describe("toBaseUnits", () => {
  it("converts exactly, trailing zeros allowed", () => {
    expect(toBaseUnits({ amount: "2.5", symbol: "USDC" })).toBe(2_500_000n);
    expect(toBaseUnits({ amount: "1.0000000", symbol: "USDC" })).toBe(1_000_000n);
    expect(toBaseUnits({ amount: "0.000000000000000001", symbol: "WETH" })).toBe(1n);
  });
  it.each([
    ["0.0000004", "USDC"],
    ["1.9999995", "USDC"],
    ["0.0000000000000000001", "ETH"],
  ] as const)("refuses %s %s instead of rounding it", (amount, symbol) => {
    expect(() => toBaseUnits({ amount, symbol })).toThrowError(AmountPrecisionError);
    expect(() => toBaseUnits({ amount, symbol })).toThrowError(/more decimals than/);
  });
});
