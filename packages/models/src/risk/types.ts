/**
 * A snapshot of a WETH/USDC constant-product pool and its recent trading, in human units (WETH and
 * USDC, not wei or 6-decimal units). Everything here can be read from chain state: reserves from
 * `Pool.getReserves()`, the rest from the pool's Swap events and LP token balances.
 */
export type RawMarketState = {
  /** WETH held by the pool, in WETH. */
  reserveWeth: number;
  /** USDC held by the pool, in USDC. */
  reserveUsdc: number;
  /** The USDC value of the trade being assessed, in USDC. */
  tradeSizeUsdc: number;
  /** Standard deviation of the hourly log returns of the pool price over the last 24 h (0.01 = 1%). */
  hourlyVolatility: number;
  /** Volume traded over the last 24 h, in USDC. */
  volume24hUsdc: number;
  /** Pool price change over the last hour, as a fraction (-0.02 = -2%). */
  priceChange1h: number;
  /** Pool price change over the last 24 h, as a fraction. */
  priceChange24h: number;
  /** Number of swaps over the last 24 h. */
  swapCount24h: number;
  /** Share of the LP token supply held by the largest holder, in [0, 1]. */
  topLpShare: number;
};

/** One standardized input of risk-v1: what it means and how it is computed from a RawMarketState. */
export type RiskFeatureSpec = {
  name: string;
  /** The unit of the transformed value before standardization. */
  unit: string;
  description: string;
  /** Standardization: feature = clip((transformed - mean) / std, -4, 4). */
  mean: number;
  std: number;
};

export type RiskLabel = "low" | "medium" | "high";
