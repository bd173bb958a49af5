import type { RiskFeatureSpec, RiskLabel } from "./types.ts";

/**
 * The eight inputs of risk-v1, in order. Each is a transform of the raw market state (log10 for
 * quantities spanning orders of magnitude), then standardized with the mean and standard deviation
 * measured on the seeded synthetic training distribution (`generateMarketStates`, seed 1,
 * 100,000 states) and clipped to [-4, 4].
 *
 * 24 h volume enters as turnover (volume / depth) only: log10(volume) = turnover + depth would add
 * no information to a model that already sees depth.
 */
export const RISK_FEATURES: readonly RiskFeatureSpec[] = [
  {
    name: "depth",
    unit: "log10 USD",
    description: "Pool depth: log10 of the pool's value in USD, 2 x the USDC reserve.",
    mean: 6.199,
    std: 0.864,
  },
  {
    name: "tradeImpact",
    unit: "log10 fraction",
    description: "log10 of the trade's price impact, tradeSizeUsdc / (reserveUsdc + tradeSizeUsdc), fee excluded.",
    mean: -2.0,
    std: 1.293,
  },
  {
    name: "volatility",
    unit: "log10 fraction per hour",
    description: "log10 of the standard deviation of hourly log returns over the last 24 h.",
    mean: -2.199,
    std: 0.462,
  },
  {
    name: "turnover",
    unit: "log10 per day",
    description: "log10 of 24 h volume / pool depth: how many times the pool's value traded in a day.",
    mean: -0.5,
    std: 0.692,
  },
  {
    name: "priceChange1h",
    unit: "fraction",
    description: "Pool price change over the last hour (-0.02 = -2%).",
    mean: 0,
    std: 0.0148,
  },
  {
    name: "priceChange24h",
    unit: "fraction",
    description: "Pool price change over the last 24 h.",
    mean: 0,
    std: 0.0712,
  },
  {
    name: "activity",
    unit: "log10 swaps",
    description: "log10(1 + number of swaps over the last 24 h).",
    mean: 2.483,
    std: 1.156,
  },
  {
    name: "lpConcentration",
    unit: "fraction",
    description: "Share of the LP token supply held by the largest holder: how much depth one exit removes.",
    mean: 0.43,
    std: 0.285,
  },
];

/** risk-v1's output classes, in logit order. */
export const RISK_LABELS: readonly RiskLabel[] = ["low", "medium", "high"];

/** Standardized features are clipped to [-FEATURE_CLIP, FEATURE_CLIP]. */
export const FEATURE_CLIP = 4;
