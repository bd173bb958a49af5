import { type FloatMlp, forward, type QuantizedMlp, quantizeValue } from "@convergence/zk";
import { InvalidSamplesError } from "../errors/quantize.ts";
import { argmax } from "./argmax.ts";
import { floatForward } from "./floatForward.ts";

export type MeasureQuantizationLossParameters = {
  float: FloatMlp;
  quantized: QuantizedMlp;
  /** Float input rows; each is quantized at the model's scale like a real request. */
  samples: readonly (readonly number[])[];
  /** The true class of each sample, to report accuracy as well as agreement. */
  labels?: readonly number[];
};

export type MeasureQuantizationLossReturnType = {
  samples: number;
  /** Share of samples whose fixed-point argmax equals the float model's. */
  argmaxAgreement: number;
  /** Largest |float output - fixed-point output / 2^S| over every output of every sample. */
  maxAbsError: number;
  meanAbsError: number;
  /** With labels: accuracy of the float model and of the fixed-point model on the samples. */
  floatAccuracy?: number;
  quantizedAccuracy?: number;
};

/**
 * How much quantization changes a model's answers on a sample: argmax agreement, output error, and
 * (given labels) accuracy before and after.
 *
 * @example
 * measureQuantizationLoss({ float, quantized, samples }).argmaxAgreement // 0.998
 */
export function measureQuantizationLoss(
  parameters: MeasureQuantizationLossParameters,
): MeasureQuantizationLossReturnType {
  const { float, quantized, samples, labels } = parameters;
  if (samples.length === 0) throw new InvalidSamplesError({ problem: "no samples" });
  if (labels && labels.length !== samples.length) {
    throw new InvalidSamplesError({ problem: `${labels.length} labels for ${samples.length} samples` });
  }
  const width = float.layers[0]?.weights[0]?.length ?? 0;
  const unit = 2 ** quantized.scale;
  let agree = 0;
  let floatCorrect = 0;
  let quantizedCorrect = 0;
  let maxAbsError = 0;
  let sumAbsError = 0;
  let outputs = 0;
  samples.forEach((sample, s) => {
    if (sample.length !== width) {
      throw new InvalidSamplesError({ problem: `sample ${s} has ${sample.length} values, the model takes ${width}` });
    }
    const input = sample.map((value, i) =>
      quantizeValue({ value, scale: quantized.scale, what: `sample ${s} input[${i}]` }),
    );
    const fixed = forward({ model: quantized, input }).output;
    const real = floatForward({ model: float, input: sample });
    real.forEach((v, j) => {
      const error = Math.abs(v - Number(fixed[j]) / unit);
      maxAbsError = Math.max(maxAbsError, error);
      sumAbsError += error;
      outputs++;
    });
    const predictedFloat = argmax({ values: real });
    const predictedFixed = argmax({ values: fixed });
    if (predictedFloat === predictedFixed) agree++;
    if (labels) {
      if (predictedFloat === labels[s]) floatCorrect++;
      if (predictedFixed === labels[s]) quantizedCorrect++;
    }
  });
  return {
    samples: samples.length,
    argmaxAgreement: agree / samples.length,
    maxAbsError,
    meanAbsError: sumAbsError / outputs,
    ...(labels
      ? { floatAccuracy: floatCorrect / samples.length, quantizedAccuracy: quantizedCorrect / samples.length }
      : {}),
  };
}
