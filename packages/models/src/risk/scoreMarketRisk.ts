import type { RawMarketState } from "./types.ts";

/** Scores below LOW_RISK_BELOW are "low", at or above HIGH_RISK_FROM "high", else "medium". */
// Near the tertiles of the synthetic distribution (about 35% / 32% / 33%).
export const LOW_RISK_BELOW = 0;
export const HIGH_RISK_FROM = 1.7;

export type ScoreMarketRiskParameters = { market: RawMarketState };
export type ScoreMarketRiskReturnType = {
  /** The risk score: 0 is a typical trade in a typical market, +1 about one order of magnitude worse. */
  score: number;
  /** 0 = low, 1 = medium, 2 = high (the order of RISK_LABELS). */
  label: number;
};

/**
 * The labelling rule of risk-v1's synthetic data: the "ground truth" the model learns, before label
 * noise. Contributions, each 0 for a typical market:
 *
 * - price impact of the trade, log10(impact / 0.5%) (+1 per 10x more impact)
 * - volatility, 1.2 * log10(hourly volatility / 0.8%)
 * - depth beyond impact, -0.5 * log10(depth / $2M) (shallow pools are fragile)
 * - turnover, -0.3 * log10(turnover / 0.3) (an active market prices in information)
 * - recent moves, 5 * |24 h change| + 10 * |1 h change|
 * - thin activity, 0.4 * max(0, 2 - log10(1 + swaps)) (under ~100 swaps a day)
 * - LP concentration, 1.5 * max(0, top LP share - 0.5) (one holder can pull the depth)
 *
 * @example
 * scoreMarketRisk({ market }).label // 0, 1 or 2
 */
export function scoreMarketRisk({ market }: ScoreMarketRiskParameters): ScoreMarketRiskReturnType {
  const depth = 2 * market.reserveUsdc;
  const impact = Math.max(market.tradeSizeUsdc / (market.reserveUsdc + market.tradeSizeUsdc), 1e-12);
  const turnover = Math.max(market.volume24hUsdc / depth, 1e-9);
  const score =
    Math.log10(impact / 0.005) +
    1.2 * Math.log10(Math.max(market.hourlyVolatility, 1e-9) / 0.008) -
    0.5 * Math.log10(depth / 2e6) -
    0.3 * Math.log10(turnover / 0.3) +
    5 * Math.abs(market.priceChange24h) +
    10 * Math.abs(market.priceChange1h) +
    0.4 * Math.max(0, 2 - Math.log10(1 + market.swapCount24h)) +
    1.5 * Math.max(0, market.topLpShare - 0.5);
  const label = score < LOW_RISK_BELOW ? 0 : score >= HIGH_RISK_FROM ? 2 : 1;
  return { score, label };
}
