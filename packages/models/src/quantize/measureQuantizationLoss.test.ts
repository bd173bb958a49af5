import { describe, expect, it } from "vitest";
import { InvalidSamplesError } from "../errors/quantize.ts";
import { createPrng } from "../random/createPrng.ts";
import { measureQuantizationLoss } from "./measureQuantizationLoss.ts";
import { quantizeMlp } from "./quantizeMlp.ts";

const prng = createPrng({ seed: 5 });
const float = {
  layers: [
    {
      weights: Array.from({ length: 6 }, () => Array.from({ length: 4 }, () => prng.uniform(-1, 1))),
      bias: Array.from({ length: 6 }, () => prng.uniform(-0.2, 0.2)),
      relu: true,
    },
    {
      weights: Array.from({ length: 3 }, () => Array.from({ length: 6 }, () => prng.uniform(-1, 1))),
      bias: [0, 0, 0],
      relu: false,
    },
  ],
};
const samples = Array.from({ length: 400 }, () => Array.from({ length: 4 }, () => prng.uniform(-2, 2)));

describe("measureQuantizationLoss", () => {
  it("reports near-total agreement and a small error at scale 8, and less at scale 2", () => {
    const fine = measureQuantizationLoss({ float, quantized: quantizeMlp({ model: float, scale: 8 }), samples });
    expect(fine.samples).toBe(400);
    expect(fine.argmaxAgreement).toBeGreaterThan(0.97);
    expect(fine.maxAbsError).toBeLessThan(0.1);
    expect(fine.meanAbsError).toBeLessThan(fine.maxAbsError);
    const coarse = measureQuantizationLoss({ float, quantized: quantizeMlp({ model: float, scale: 2 }), samples });
    expect(coarse.maxAbsError).toBeGreaterThan(fine.maxAbsError * 4);
    expect(coarse.argmaxAgreement).toBeLessThan(fine.argmaxAgreement);
  });

  it("reports accuracy before and after given labels", () => {
    const labels = samples.map((_, i) => i % 3);
    const result = measureQuantizationLoss({ float, quantized: quantizeMlp({ model: float }), samples, labels });
    expect(result.floatAccuracy).toBeGreaterThanOrEqual(0);
    expect(result.floatAccuracy).toBeLessThanOrEqual(1);
    expect(Math.abs(result.floatAccuracy! - result.quantizedAccuracy!)).toBeLessThanOrEqual(1 - result.argmaxAgreement);
  });

  it("rejects empty samples, wrong widths, mismatched labels and inputs that do not fit 16 bits", () => {
    const quantized = quantizeMlp({ model: float });
    expect(() => measureQuantizationLoss({ float, quantized, samples: [] })).toThrowError(InvalidSamplesError);
    expect(() => measureQuantizationLoss({ float, quantized, samples: [[1, 2]] })).toThrowError(
      /sample 0 has 2 values, the model takes 4/,
    );
    expect(() => measureQuantizationLoss({ float, quantized, samples, labels: [1] })).toThrowError(
      /1 labels for 400 samples/,
    );
    expect(() => measureQuantizationLoss({ float, quantized, samples: [[0, 0, 500, 0]] })).toThrowError(
      /sample 0 input\[2\]/,
    );
  });
});
