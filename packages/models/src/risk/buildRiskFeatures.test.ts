import { describe, expect, it } from "vitest";
import { InvalidMarketStateError } from "../errors/risk.ts";
import { buildRiskFeatures } from "./buildRiskFeatures.ts";
import { generateMarketStates } from "./generateMarketStates.ts";
import { RISK_FEATURES } from "./riskFeatures.ts";
import type { RawMarketState } from "./types.ts";

const market: RawMarketState = {
  reserveWeth: 500,
  reserveUsdc: 1_500_000,
  tradeSizeUsdc: 15_150,
  hourlyVolatility: 0.01,
  volume24hUsdc: 3_000_000,
  priceChange1h: 0.0148,
  priceChange24h: -0.0712,
  swapCount24h: 999,
  topLpShare: 0.43,
};

describe("buildRiskFeatures", () => {
  it("transforms each raw field as RISK_FEATURES documents", () => {
    const raw = buildRiskFeatures({ market, standardize: false });
    expect(raw[0]).toBeCloseTo(Math.log10(3_000_000), 12); // depth = 2 x USDC reserve
    expect(raw[1]).toBeCloseTo(Math.log10(15_150 / 1_515_150), 12); // impact
    expect(raw[2]).toBeCloseTo(-2, 12);
    expect(raw[3]).toBeCloseTo(0, 12); // turnover 1 per day
    expect(raw.slice(4)).toEqual([0.0148, -0.0712, 3, 0.43]);
  });

  it("standardizes with the documented constants", () => {
    const z = buildRiskFeatures({ market });
    expect(z).toHaveLength(8);
    RISK_FEATURES.forEach((spec, i) => {
      const raw = buildRiskFeatures({ market, standardize: false })[i]!;
      expect(z[i]).toBeCloseTo((raw - spec.mean) / spec.std, 12);
    });
    expect(z[4]).toBeCloseTo(1, 12);
    expect(z[5]).toBeCloseTo(-1, 12);
    expect(z[7]).toBeCloseTo(0, 12);
  });

  it("clips to [-4, 4] and keeps a zero-size trade or an idle pool finite", () => {
    const crash = buildRiskFeatures({ market: { ...market, priceChange1h: -0.4, priceChange24h: 0.9 } });
    expect(crash[4]).toBe(-4);
    expect(crash[5]).toBe(4);
    const idle = buildRiskFeatures({
      market: { ...market, tradeSizeUsdc: 0, volume24hUsdc: 0, hourlyVolatility: 0, swapCount24h: 0 },
    });
    expect(idle.every((v) => Number.isFinite(v) && Math.abs(v) <= 4)).toBe(true);
  });

  it("gives mean ~0 and standard deviation ~1 on the synthetic distribution (the constants are honest)", () => {
    const { markets } = generateMarketStates({ count: 20_000, seed: 77 });
    const rows = markets.map((m) => buildRiskFeatures({ market: m }));
    for (let i = 0; i < 8; i++) {
      const v = rows.map((r) => r[i]!);
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
      expect(Math.abs(mean), RISK_FEATURES[i]!.name).toBeLessThan(0.05);
      expect(Math.abs(std - 1), RISK_FEATURES[i]!.name).toBeLessThan(0.08);
    }
  });

  it("rejects fields out of their domain, naming the field and the expected range", () => {
    expect(() => buildRiskFeatures({ market: { ...market, reserveUsdc: 0 } })).toThrowError(InvalidMarketStateError);
    expect(() => buildRiskFeatures({ market: { ...market, topLpShare: 1.5 } })).toThrowError(
      /topLpShare is 1.5, expected a fraction in \[0, 1\]/,
    );
    expect(() => buildRiskFeatures({ market: { ...market, hourlyVolatility: Number.NaN } })).toThrowError(
      /hourlyVolatility is NaN/,
    );
    expect(() => buildRiskFeatures({ market: { ...market, priceChange24h: -1 } })).toThrowError(/priceChange24h/);
  });
});
