import type { QuantizedMlp } from "../fixedPoint/types.ts";
import { modelShape } from "./modelShape.ts";

export type FlattenModelParameters = { model: QuantizedMlp };
export type FlattenModelReturnType = bigint[];

/**
 * The model's parameters in commitment order: for each layer, its weights row by row
 * (`weights[j][0..in)` for j = 0..out), then its biases. The circuit reads them in the same order.
 *
 * @example
 * flattenModel({ model }).length // 195 for an 8-16-3 MLP
 */
export function flattenModel({ model }: FlattenModelParameters): FlattenModelReturnType {
  modelShape({ model });
  return model.layers.flatMap((layer) => [...layer.weights.flat(), ...layer.bias]);
}
