import { ACTIVATION_MAX, type QuantizedMlp, VALUE_MAX, VALUE_MIN } from "@convergence/zk";
import { ActivationBoundError } from "../errors/quantize.ts";
import { createPrng } from "./createPrng.ts";

export type RandomQuantizedMlpParameters = {
  /** Layer widths, input first: [4, 8, 2]. */
  widths: readonly number[];
  scale: number;
  seed: number;
};

export type RandomQuantizedMlpReturnType = QuantizedMlp;

/**
 * A seeded random fixed-point MLP (ReLU on hidden layers) for exactness checks. Every bias spans the
 * signed 16-bit range, and each first-layer row holds one 16-bit extreme where the shape allows. Weights are bounded so that no activation can leave the signed ACTIVATION_BITS range for
 * ANY 16-bit input: with B the largest possible |input| of a layer, |y| <= n * max|w| * B / 2^S + |b| + 1
 * stays within ACTIVATION_MAX. Exactness tests therefore never meet the activation overflow that
 * `forward` rejects. Throws ActivationBoundError where no nonzero weights can (deep, wide, scale 1).
 *
 * @example
 * randomQuantizedMlp({ widths: [16, 32, 4], scale: 8, seed: 2 })
 */
export function randomQuantizedMlp({
  widths,
  scale,
  seed,
}: RandomQuantizedMlpParameters): RandomQuantizedMlpReturnType {
  const prng = createPrng({ seed });
  const unit = 2 ** scale;
  const valueMax = Number(VALUE_MAX);
  const valueMin = Number(VALUE_MIN);
  const intIn = (bound: number) => {
    const pick = prng.next();
    // Extremes and zeros on purpose: they are where off-by-one rounding shows.
    if (pick < 0.05) return bound === valueMax ? valueMin : -bound;
    if (pick < 0.1) return bound;
    if (pick < 0.13) return 0;
    return prng.int(-bound, bound);
  };
  // Worst-case |y| after layer k is about n * max|w| * (bound of its input) / 2^S. Each later layer
  // is reserved a gain of n * (2^S / 8) / 2^S (weights up to +-0.125 real), and the rest of the
  // activation room goes to the earlier layers.
  const room = Number(ACTIVATION_MAX) - valueMax - 3;
  const minWeight = Math.max(1, Math.floor(unit / 8));
  const reservedGain = (k: number) =>
    widths.slice(k + 1, -1).reduce((gain, n) => gain * Math.max(1, (n * minWeight) / unit), 1);
  let inputBound = -valueMin;
  const layers = widths.slice(1).map((outputs, k) => {
    const inputs = widths[k] as number;
    // The largest L1 norm a row may have: sum |w| * inputBound / 2^S must stay within this layer's budget.
    const rowNorm = Math.floor(((room / reservedGain(k)) * unit) / inputBound);
    // A first-layer row holds one 16-bit extreme where that leaves the others at least +-1.
    const extreme = k === 0 && rowNorm >= -valueMin + (inputs - 1);
    const weightBound = Math.min(
      valueMax,
      extreme ? Math.floor((rowNorm + valueMin) / Math.max(1, inputs - 1)) : Math.floor(rowNorm / inputs),
    );
    if (weightBound < 1) throw new ActivationBoundError({ widths, scale });
    const layer = {
      weights: Array.from({ length: outputs }, () => {
        const row = Array.from({ length: inputs }, () => BigInt(intIn(weightBound)));
        if (extreme) row[prng.int(0, inputs - 1)] = BigInt(prng.next() < 0.5 ? valueMin : valueMax);
        return row;
      }),
      bias: Array.from({ length: outputs }, () => BigInt(intIn(valueMax))),
      relu: k < widths.length - 2,
    };
    const largestRow = Math.max(...layer.weights.map((row) => row.reduce((sum, w) => sum + Math.abs(Number(w)), 0)));
    inputBound = Math.ceil((largestRow * inputBound) / unit) + valueMax + 2;
    return layer;
  });
  return { scale, layers };
}
