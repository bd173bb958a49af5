import { ShapeMismatchError } from "../errors/fixedPoint.ts";
import { assertScale } from "../fixedPoint/assertScale.ts";
import type { QuantizedMlp } from "../fixedPoint/types.ts";

export type ModelShapeParameters = { model: QuantizedMlp };
export type ModelShapeReturnType = {
  /** Layer widths, input first: [8, 16, 3] for an 8-16-3 MLP. */
  widths: number[];
  /** Which layers apply ReLU, one entry per layer. */
  relu: boolean[];
  scale: number;
  /** Weights plus biases. */
  parameterCount: number;
};

/**
 * Validates an MLP's layout (rectangular weights, one bias per output, consecutive widths agree,
 * a valid scale) and returns its shape: what the circuit for it is generated from.
 *
 * @example
 * modelShape({ model }).widths // [8, 16, 3]
 */
export function modelShape({ model }: ModelShapeParameters): ModelShapeReturnType {
  assertScale(model.scale);
  if (model.layers.length === 0) {
    throw new ShapeMismatchError({ what: "model", expected: "at least one layer", received: "none" });
  }
  const widths: number[] = [];
  let parameterCount = 0;
  model.layers.forEach((layer, k) => {
    const outputs = layer.weights.length;
    const inputs = layer.weights[0]?.length ?? 0;
    if (outputs === 0 || inputs === 0) {
      throw new ShapeMismatchError({
        what: `layer ${k} weights`,
        expected: "a non-empty [outputs][inputs] matrix",
        received: `${outputs} rows of ${inputs}`,
      });
    }
    if (k === 0) widths.push(inputs);
    else if (inputs !== widths[k]) {
      throw new ShapeMismatchError({
        what: `layer ${k} weights`,
        expected: `${widths[k]} columns (layer ${k - 1}'s outputs)`,
        received: `${inputs}`,
      });
    }
    layer.weights.forEach((row, j) => {
      if (row.length !== inputs) {
        throw new ShapeMismatchError({
          what: `layer ${k} weights row ${j}`,
          expected: `${inputs} columns`,
          received: `${row.length}`,
        });
      }
    });
    if (layer.bias.length !== outputs) {
      throw new ShapeMismatchError({
        what: `layer ${k} bias`,
        expected: `${outputs} entries`,
        received: `${layer.bias.length}`,
      });
    }
    widths.push(outputs);
    parameterCount += outputs * inputs + outputs;
  });
  return { widths, relu: model.layers.map((layer) => layer.relu), scale: model.scale, parameterCount };
}
