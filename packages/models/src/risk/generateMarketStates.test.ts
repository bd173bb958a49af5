import { describe, expect, it } from "vitest";
import { generateMarketStates } from "./generateMarketStates.ts";
import { scoreMarketRisk } from "./scoreMarketRisk.ts";

describe("generateMarketStates", () => {
  it("is reproducible from its seed", () => {
    expect(generateMarketStates({ count: 50, seed: 3 })).toEqual(generateMarketStates({ count: 50, seed: 3 }));
    expect(generateMarketStates({ count: 50, seed: 4 }).markets).not.toEqual(
      generateMarketStates({ count: 50, seed: 3 }).markets,
    );
  });

  it("draws states within the documented ranges, consistent with each other", () => {
    const { markets } = generateMarketStates({ count: 2000, seed: 5 });
    for (const m of markets) {
      const depth = 2 * m.reserveUsdc;
      expect(depth).toBeGreaterThanOrEqual(5e4);
      expect(depth).toBeLessThanOrEqual(5e7);
      expect(m.tradeSizeUsdc).toBeGreaterThanOrEqual(100);
      expect(m.hourlyVolatility).toBeLessThanOrEqual(0.04);
      expect(Math.abs(m.priceChange24h)).toBeLessThanOrEqual(0.5);
      expect(m.topLpShare).toBeGreaterThanOrEqual(0.05);
      expect(m.topLpShare).toBeLessThanOrEqual(1);
      const price = m.reserveUsdc / m.reserveWeth;
      expect(price).toBeGreaterThan(500);
      expect(price).toBeLessThan(20_000);
    }
  });

  it("labels by scoreMarketRisk with about 4% noise to neighbouring classes, classes roughly balanced", () => {
    const { markets, labels } = generateMarketStates({ count: 5000, seed: 6 });
    const clean = markets.map((market) => scoreMarketRisk({ market }).label);
    const flipped = labels.filter((label, i) => label !== clean[i]);
    expect(flipped.length / labels.length).toBeGreaterThan(0.025);
    expect(flipped.length / labels.length).toBeLessThan(0.055);
    expect(labels.every((label, i) => Math.abs(label - clean[i]!) <= 1)).toBe(true);
    for (const c of [0, 1, 2]) expect(labels.filter((l) => l === c).length / labels.length).toBeGreaterThan(0.25);
    const noiseless = generateMarketStates({ count: 500, seed: 6, labelNoise: 0 });
    expect(noiseless.labels).toEqual(noiseless.markets.map((market) => scoreMarketRisk({ market }).label));
  });
});
