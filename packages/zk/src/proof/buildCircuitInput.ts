import type { QuantizedMlp } from "../fixedPoint/types.ts";
import { toField } from "./toField.ts";

export type BuildCircuitInputParameters = {
  model: QuantizedMlp;
  input: readonly bigint[];
  salt: bigint;
  binding: bigint;
  modelCommitment: bigint;
  inputCommitment: bigint;
  /** The output the proof claims (from `forward`). */
  output: readonly bigint[];
};
export type CircuitInput = Record<string, string | string[] | string[][]>;

/**
 * The named signals of a generated main (`generateCircuitSource`), as decimal field elements
 * (negatives as p - |x|).
 *
 * @example
 * const circuitInput = buildCircuitInput({ model, input, salt, binding, modelCommitment, inputCommitment, output });
 */
export function buildCircuitInput({
  model,
  input,
  salt,
  binding,
  modelCommitment,
  inputCommitment,
  output,
}: BuildCircuitInputParameters): CircuitInput {
  const field = (value: bigint) => toField(value).toString();
  const signals: CircuitInput = {
    modelCommitment: field(modelCommitment),
    inputCommitment: field(inputCommitment),
    binding: field(binding),
    outputs: output.map(field),
    x: input.map(field),
    salt: field(salt),
  };
  model.layers.forEach((layer, k) => {
    signals[`w${k}`] = layer.weights.map((row) => row.map(field));
    signals[`b${k}`] = layer.bias.map(field);
  });
  return signals;
}
