import { InvalidMarketStateError } from "../errors/risk.ts";
import { FEATURE_CLIP, RISK_FEATURES } from "./riskFeatures.ts";
import type { RawMarketState } from "./types.ts";

export type BuildRiskFeaturesParameters = {
  market: RawMarketState;
  /** Default true. False returns the transformed values before standardization and clipping. */
  standardize?: boolean;
};

export type BuildRiskFeaturesReturnType = number[];

/**
 * Turns a raw WETH/USDC market snapshot into risk-v1's eight inputs (see `RISK_FEATURES` for each
 * feature's meaning and unit), standardized and clipped to [-4, 4].
 *
 * @example
 * buildRiskFeatures({ market: { reserveWeth: 500, reserveUsdc: 1_500_000, tradeSizeUsdc: 100, hourlyVolatility: 0.006,
 *   volume24hUsdc: 900_000, priceChange1h: 0.001, priceChange24h: -0.02, swapCount24h: 240, topLpShare: 0.3 } })
 */
export function buildRiskFeatures({
  market,
  standardize = true,
}: BuildRiskFeaturesParameters): BuildRiskFeaturesReturnType {
  check(market, "reserveWeth", (v) => v > 0, "a positive amount of WETH");
  check(market, "reserveUsdc", (v) => v > 0, "a positive amount of USDC");
  check(market, "tradeSizeUsdc", (v) => v >= 0, "an amount of USDC >= 0");
  check(market, "hourlyVolatility", (v) => v >= 0, "a fraction >= 0");
  check(market, "volume24hUsdc", (v) => v >= 0, "an amount of USDC >= 0");
  check(market, "priceChange1h", (v) => v > -1, "a fraction > -1");
  check(market, "priceChange24h", (v) => v > -1, "a fraction > -1");
  check(market, "swapCount24h", (v) => v >= 0, "a count >= 0");
  check(market, "topLpShare", (v) => v >= 0 && v <= 1, "a fraction in [0, 1]");
  const depth = 2 * market.reserveUsdc;
  const impact = market.tradeSizeUsdc / (market.reserveUsdc + market.tradeSizeUsdc);
  // Floors keep log10 finite for an idle pool or a zero-size trade; they sit far below the clip.
  const transformed = [
    Math.log10(depth),
    Math.log10(Math.max(impact, 1e-12)),
    Math.log10(Math.max(market.hourlyVolatility, 1e-9)),
    Math.log10(Math.max(market.volume24hUsdc / depth, 1e-9)),
    market.priceChange1h,
    market.priceChange24h,
    Math.log10(1 + market.swapCount24h),
    market.topLpShare,
  ];
  if (!standardize) return transformed;
  return transformed.map((value, i) => {
    const spec = RISK_FEATURES[i] as (typeof RISK_FEATURES)[number];
    const z = (value - spec.mean) / spec.std;
    return Math.min(FEATURE_CLIP, Math.max(-FEATURE_CLIP, z));
  });
}

function check(market: RawMarketState, field: keyof RawMarketState, ok: (v: number) => boolean, expected: string) {
  const value = market[field];
  if (typeof value !== "number" || !Number.isFinite(value) || !ok(value)) {
    throw new InvalidMarketStateError({ field, value, expected });
  }
}
