import { ACTIVATION_MAX, type QuantizedMlp, VALUE_MAX, VALUE_MIN } from "../src/index.ts";
import type { Random } from "./createRandom.ts";

export type RandomModelParameters = {
  /** Layer widths, input first: [8, 16, 3]. */
  widths: readonly number[];
  scale: number;
  random: Random;
};

const abs = (value: bigint) => (value < 0n ? -value : value);
const min = (a: bigint, b: bigint) => [a, b].sort((x, y) => (x < y ? -1 : 1))[0] as bigint;
const max = (a: bigint, b: bigint) => [a, b].sort((x, y) => (x < y ? 1 : -1))[0] as bigint;

/**
 * A random MLP with ReLU on hidden layers whose activations stay within the fixed-point range for ANY 16-bit input,
 * extremes included, as a trained model's do. Each first-layer row holds one weight at a 16-bit extreme (or anywhere
 * in 16 bits) and the rest within +-1 (real), so the row's L1 norm stays below what 24-bit activations allow at
 * +-2^15 inputs; later layers' weights are bounded by the worst case of their inputs, at most +-0.5 (real).
 *
 * @example
 * randomModel({ widths: [4, 8, 2], scale: 8, random: createRandom(1n) })
 */
export function randomModel({ widths, scale, random }: RandomModelParameters): QuantizedMlp {
  const unit = 1n << BigInt(scale);
  const biasBound = 4n * unit;
  // |floor(acc / 2^S)| <= (sum_i |w_i|) * inputBound / 2^S + |b| + 1 must stay within ACTIVATION_MAX.
  const room = ACTIVATION_MAX - biasBound - 1n;
  let inputBound = -VALUE_MIN;
  return {
    scale,
    layers: widths.slice(1).map((outputs, k) => {
      const inputs = widths[k] as number;
      const rowBudget = (room * unit) / inputBound;
      const small = k === 0 ? unit : unit / 2n < rowBudget / BigInt(inputs) ? unit / 2n : rowBudget / BigInt(inputs);
      const weights = Array.from({ length: outputs }, () => {
        const row = Array.from({ length: inputs }, () => random.int(-small, small));
        if (k === 0) {
          const rest = row.reduce((sum, w) => sum + abs(w), 0n);
          const big = min(rowBudget - rest, VALUE_MAX);
          const extremes = -VALUE_MIN + rest <= rowBudget ? [VALUE_MIN, VALUE_MAX] : [];
          row[Number(random.int(0n, BigInt(inputs - 1)))] = random.pick([...extremes, random.int(-big, big)]);
        }
        return row;
      });
      const largestRow = weights.reduce(
        (largest, row) =>
          max(
            largest,
            row.reduce((sum, w) => sum + abs(w), 0n),
          ),
        0n,
      );
      inputBound = (largestRow * inputBound) / unit + biasBound + 1n;
      return {
        weights,
        bias: Array.from({ length: outputs }, () => random.int(-biasBound, biasBound)),
        relu: k < widths.length - 2,
      };
    }),
  };
}
