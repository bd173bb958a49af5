import type { FloatMlp } from "@convergence/zk";

export type FloatForwardParameters = { model: FloatMlp; input: readonly number[] };
export type FloatForwardReturnType = number[];

/**
 * The float forward pass of an MLP in float64: y = W x + b per layer, ReLU where the layer has it.
 * It is the yardstick for quantization loss and what training differentiates.
 *
 * @example
 * floatForward({ model, input: [0.5, -1.25] }) // logits
 */
export function floatForward({ model, input }: FloatForwardParameters): FloatForwardReturnType {
  let x: readonly number[] = input;
  for (const layer of model.layers) {
    x = layer.weights.map((row, j) => {
      let acc = layer.bias[j] ?? 0;
      for (let i = 0; i < row.length; i++) acc += (row[i] as number) * (x[i] as number);
      return layer.relu && acc < 0 ? 0 : acc;
    });
  }
  return [...x];
}
