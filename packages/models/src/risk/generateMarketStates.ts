import { createPrng } from "../random/createPrng.ts";
import { scoreMarketRisk } from "./scoreMarketRisk.ts";
import type { RawMarketState } from "./types.ts";

export type GenerateMarketStatesParameters = {
  count: number;
  seed: number;
  /** Share of labels moved to a neighbouring class, as real labels are noisy. Default 0.04. */
  labelNoise?: number;
};

export type GenerateMarketStatesReturnType = {
  markets: RawMarketState[];
  /** 0 = low, 1 = medium, 2 = high, after label noise. */
  labels: number[];
  /** The noiseless risk scores (see `scoreMarketRisk`). */
  scores: number[];
};

/**
 * Synthetic WETH/USDC market states with risk labels, reproducible from the seed. Per state:
 *
 * - depth (2 x USDC reserve) log-uniform in $50k..$50M; price 3000 x e^N(0, 0.25) USDC per WETH
 *   sets the WETH reserve
 * - trade size log-uniform in 100..1,000,000 USDC
 * - hourly volatility log-uniform in 0.1%..4%
 * - turnover (24 h volume / depth) log-uniform in 0.02..5
 * - 1 h price change N(0, volatility); 24 h change N(0, volatility x sqrt(24)); both clipped to +-50%
 * - swap count = volume / average swap, average swap log-uniform in $300..$10k
 * - top LP share 0.05 + 0.95 u^1.5 (u uniform)
 *
 * The label is `scoreMarketRisk`'s class; with probability `labelNoise` it moves to a neighbouring
 * class (medium to low or high with equal odds).
 *
 * @example
 * const { markets, labels } = generateMarketStates({ count: 1000, seed: 1 })
 */
export function generateMarketStates({
  count,
  seed,
  labelNoise = 0.04,
}: GenerateMarketStatesParameters): GenerateMarketStatesReturnType {
  const prng = createPrng({ seed });
  // A separate stream for label noise, so that changing the labelling rule leaves the states alone.
  const noise = createPrng({ seed: seed ^ 0x5eed });
  const logUniform = (lo: number, hi: number) => 10 ** prng.uniform(Math.log10(lo), Math.log10(hi));
  const clip = (v: number) => Math.min(0.5, Math.max(-0.5, v));
  const markets: RawMarketState[] = [];
  const labels: number[] = [];
  const scores: number[] = [];
  for (let n = 0; n < count; n++) {
    const depth = logUniform(5e4, 5e7);
    const price = 3000 * Math.exp(0.25 * prng.normal());
    const tradeSizeUsdc = logUniform(100, 1e6);
    const hourlyVolatility = logUniform(0.001, 0.04);
    const turnover = logUniform(0.02, 5);
    const priceChange1h = clip(hourlyVolatility * prng.normal());
    const priceChange24h = clip(hourlyVolatility * Math.sqrt(24) * prng.normal());
    const averageSwap = logUniform(300, 1e4);
    const topLpShare = 0.05 + 0.95 * prng.next() ** 1.5;
    const volume24hUsdc = turnover * depth;
    const market: RawMarketState = {
      reserveWeth: depth / 2 / price,
      reserveUsdc: depth / 2,
      tradeSizeUsdc,
      hourlyVolatility,
      volume24hUsdc,
      priceChange1h,
      priceChange24h,
      swapCount24h: Math.round(volume24hUsdc / averageSwap),
      topLpShare,
    };
    const { score, label } = scoreMarketRisk({ market });
    let noisy = label;
    if (noise.next() < labelNoise) noisy = label === 1 ? (noise.next() < 0.5 ? 0 : 2) : 1;
    markets.push(market);
    labels.push(noisy);
    scores.push(score);
  }
  return { markets, labels, scores };
}
