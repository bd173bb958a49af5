import { DEFAULT_SCALE, type FloatMlp, MAX_SCALE, MIN_SCALE, VALUE_MAX, VALUE_MIN } from "@convergence/zk";
import { ModelTooLargeError } from "../errors/quantize.ts";

export type ChooseScaleParameters = {
  model: FloatMlp;
  /**
   * The largest scale to consider; default `DEFAULT_SCALE` (8) from `@convergence/zk`, which keeps
   * standardized inputs in about [-4, 4] far from the 16-bit limit (4 * 2^8 = 1024) and activations
   * well inside 32 bits.
   */
  maxScale?: number;
};

export type ChooseScaleReturnType = {
  scale: number;
  /** The largest scale at which every weight and bias still fits 16 bits (may exceed `scale`). */
  maxFittingScale: number;
  /** The weight or bias of largest magnitude and where it is, e.g. "layer 0 weight [3][1]". */
  largest: { what: string; value: number };
};

/**
 * The fixed-point scale S for a float model: the largest S in [1, maxScale] at which
 * round(v * 2^S) fits signed 16 bits for every weight and bias.
 *
 * @example
 * chooseScale({ model }).scale // 8
 */
export function chooseScale({ model, maxScale = DEFAULT_SCALE }: ChooseScaleParameters): ChooseScaleReturnType {
  // Rounding is monotone, so the most positive and the most negative parameter decide.
  let largest = { what: "no parameter", value: 0 };
  let highest = 0;
  let lowest = 0;
  const visit = (what: string, value: number) => {
    if (Math.abs(value) > Math.abs(largest.value)) largest = { what, value };
    highest = Math.max(highest, value);
    lowest = Math.min(lowest, value);
  };
  model.layers.forEach((layer, k) => {
    layer.weights.forEach((row, j) => {
      row.forEach((value, i) => {
        visit(`layer ${k} weight [${j}][${i}]`, value);
      });
    });
    layer.bias.forEach((value, j) => {
      visit(`layer ${k} bias [${j}]`, value);
    });
  });
  const fits = (s: number) =>
    Math.floor(highest * 2 ** s + 0.5) <= Number(VALUE_MAX) && Math.floor(lowest * 2 ** s + 0.5) >= Number(VALUE_MIN);
  let maxFittingScale = 0;
  for (let s = MIN_SCALE; s <= MAX_SCALE && fits(s); s++) maxFittingScale = s;
  if (maxFittingScale < MIN_SCALE) throw new ModelTooLargeError(largest);
  return { scale: Math.min(maxFittingScale, Math.max(MIN_SCALE, maxScale)), maxFittingScale, largest };
}
