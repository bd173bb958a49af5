import {
  type FloatMlp,
  InvalidScaleError,
  MAX_SCALE,
  MIN_SCALE,
  type QuantizedMlp,
  quantizeValue,
  ValueOutOfRangeError,
} from "@convergence/zk";
import { ScaleOverflowError } from "../errors/quantize.ts";
import { chooseScale } from "./chooseScale.ts";

export type QuantizeMlpParameters = {
  model: FloatMlp;
  /**
   * The scale S (values become round(v * 2^S)). Left out, the largest S up to 8 at which every
   * weight and bias fits 16 bits (see `chooseScale`).
   */
  scale?: number;
};

export type QuantizeMlpReturnType = QuantizedMlp;

/**
 * Quantizes a float MLP to the fixed-point contract of `@convergence/zk`: every weight and bias
 * becomes round(v * 2^S) as a signed 16-bit integer.
 *
 * @example
 * const quantized = quantizeMlp({ model: floatMlp })            // scale chosen
 * const fine = quantizeMlp({ model: floatMlp, scale: 10 })      // ScaleOverflowError if a weight does not fit
 */
export function quantizeMlp({ model, scale }: QuantizeMlpParameters): QuantizeMlpReturnType {
  if (scale !== undefined && (!Number.isInteger(scale) || scale < MIN_SCALE || scale > MAX_SCALE)) {
    throw new InvalidScaleError({ scale });
  }
  const s = scale ?? chooseScale({ model }).scale;
  const quantize = (value: number, what: string) => {
    try {
      return quantizeValue({ value, scale: s, what });
    } catch (error) {
      if (error instanceof ValueOutOfRangeError && Number.isFinite(value)) {
        let maxScale = 0;
        try {
          maxScale = chooseScale({ model, maxScale: MAX_SCALE }).maxFittingScale;
        } catch {}
        throw new ScaleOverflowError({ scale: s, what, value, maxScale });
      }
      throw error;
    }
  };
  return {
    scale: s,
    layers: model.layers.map((layer, k) => ({
      weights: layer.weights.map((row, j) => row.map((v, i) => quantize(v, `layer ${k} weight [${j}][${i}]`))),
      bias: layer.bias.map((v, j) => quantize(v, `layer ${k} bias [${j}]`)),
      relu: layer.relu,
    })),
  };
}
