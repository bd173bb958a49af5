import { ACTIVATION_MAX, forward, VALUE_MAX, VALUE_MIN } from "@convergence/zk";
import { describe, expect, it } from "vitest";
import { ActivationBoundError } from "../errors/quantize.ts";
import { randomQuantizedMlp } from "./randomQuantizedMlp.ts";

describe("randomQuantizedMlp", () => {
  it("builds the shape asked for, ReLU on hidden layers only, reproducibly", () => {
    const model = randomQuantizedMlp({ widths: [16, 32, 4], scale: 8, seed: 2 });
    expect(model.layers.map((l) => [l.weights.length, l.weights[0]!.length, l.relu])).toEqual([
      [32, 16, true],
      [4, 32, false],
    ]);
    expect(randomQuantizedMlp({ widths: [16, 32, 4], scale: 8, seed: 2 })).toEqual(model);
    // A narrow first layer leaves room for 16-bit extremes in every row (a wide one at 24-bit activations does not).
    const first = randomQuantizedMlp({ widths: [4, 8, 2], scale: 8, seed: 2 }).layers[0]!.weights.flat();
    expect(first).toContain(VALUE_MAX);
    expect(first).toContain(VALUE_MIN);
  });

  it("keeps every activation within the activation range even for the worst 16-bit inputs", () => {
    for (const widths of [
      [4, 8, 2],
      [16, 32, 4],
      [8, 16, 16, 3],
      [32, 64, 64, 64, 10],
    ]) {
      for (const scale of [1, 4, 8, 14]) {
        // Small scales leave deep models no nonzero weights within the 24-bit activation range.
        if ((widths.length === 5 && scale <= 4) || (widths.length === 4 && scale === 1)) {
          expect(() => randomQuantizedMlp({ widths, scale, seed: 1 })).toThrowError(ActivationBoundError);
          continue;
        }
        const model = randomQuantizedMlp({ widths, scale, seed: scale });
        // Interval bound: the largest |activation| any 16-bit input can produce, layer by layer.
        const unit = 1n << BigInt(scale);
        let bound = -VALUE_MIN;
        for (const layer of model.layers) {
          const worst = layer.weights.map((row, j) => {
            const acc = row.reduce((sum, w) => sum + (w < 0n ? -w : w) * bound, 0n);
            const bias = layer.bias[j]! < 0n ? -layer.bias[j]! : layer.bias[j]!;
            return (acc + bias * unit) / unit + 1n;
          });
          bound = 0n;
          for (const w of worst) if (w > bound) bound = w;
          expect(bound).toBeLessThanOrEqual(ACTIVATION_MAX);
        }
        for (const fill of [VALUE_MAX, VALUE_MIN]) {
          const input = Array.from({ length: widths[0]! }, (_, i) => (i % 2 === 0 ? fill : -fill - 1n));
          expect(() => forward({ model, input })).not.toThrow();
        }
      }
    }
  });
});
