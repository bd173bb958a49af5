import { describe, expect, it } from "vitest";
import { HIGH_RISK_FROM, LOW_RISK_BELOW, scoreMarketRisk } from "./scoreMarketRisk.ts";
import type { RawMarketState } from "./types.ts";

// A deep, calm, active market and a small trade: every term at or below its neutral point.
const calm: RawMarketState = {
  reserveWeth: 3000,
  reserveUsdc: 10_000_000,
  tradeSizeUsdc: 1000,
  hourlyVolatility: 0.003,
  volume24hUsdc: 20_000_000,
  priceChange1h: 0.001,
  priceChange24h: 0.005,
  swapCount24h: 4000,
  topLpShare: 0.1,
};

describe("scoreMarketRisk", () => {
  it("rates a small trade in a deep calm pool low and the same trade in a thin, volatile, concentrated pool high", () => {
    expect(scoreMarketRisk({ market: calm })).toMatchObject({ label: 0 });
    expect(scoreMarketRisk({ market: calm }).score).toBeLessThan(LOW_RISK_BELOW);
    const stressed = {
      ...calm,
      reserveUsdc: 40_000,
      reserveWeth: 13,
      hourlyVolatility: 0.03,
      volume24hUsdc: 2000,
      swapCount24h: 3,
      topLpShare: 0.95,
      priceChange1h: -0.05,
    };
    expect(scoreMarketRisk({ market: stressed }).label).toBe(2);
    expect(scoreMarketRisk({ market: stressed }).score).toBeGreaterThanOrEqual(HIGH_RISK_FROM);
  });

  it("rises with trade size, volatility, recent moves and LP concentration", () => {
    const score = (change: Partial<RawMarketState>) => scoreMarketRisk({ market: { ...calm, ...change } }).score;
    const base = score({});
    expect(score({ tradeSizeUsdc: 100_000 })).toBeGreaterThan(base);
    expect(score({ hourlyVolatility: 0.02 })).toBeGreaterThan(base);
    expect(score({ priceChange1h: -0.03 })).toBeGreaterThan(base);
    expect(score({ topLpShare: 0.9 })).toBeGreaterThan(base);
    expect(score({ topLpShare: 0.4 })).toBe(base); // below 50% concentration does not count
    // One order of magnitude more price impact adds about one point.
    expect(score({ tradeSizeUsdc: 10_000 }) - base).toBeCloseTo(1, 1);
  });
});
