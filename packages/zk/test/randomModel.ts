import type { QuantizedMlp } from "../src/index.ts";
import type { Random } from "./createRandom.ts";

export type RandomModelParameters = {
  /** Layer widths, input first: [8, 16, 3]. */
  widths: readonly number[];
  scale: number;
  random: Random;
};

/**
 * A random MLP with ReLU on hidden layers. First-layer weights span the whole signed 16-bit range
 * (extremes included); later layers stay within +-0.5 (real) so activations stay in 32 bits even then, as a
 * trained model's do.
 *
 * @example
 * randomModel({ widths: [4, 8, 2], scale: 8, random: createRandom(1n) })
 */
export function randomModel({ widths, scale, random }: RandomModelParameters): QuantizedMlp {
  const unit = 1n << BigInt(scale);
  const layers = widths.slice(1).map((outputs, k) => {
    const inputs = widths[k] as number;
    const weight = (): bigint => {
      if (k === 0) return random.pick([-32768n, 32767n, random.int(-32768n, 32767n), random.int(-unit, unit)]);
      return random.int(-unit / 2n, unit / 2n);
    };
    return {
      weights: Array.from({ length: outputs }, () => Array.from({ length: inputs }, weight)),
      bias: Array.from({ length: outputs }, () => random.int(-4n * unit, 4n * unit)),
      relu: k < widths.length - 2,
    };
  });
  return { scale, layers };
}
