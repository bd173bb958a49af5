import { argmax, runOnnx } from "@convergence/models";
import { quantizeValue, VALUE_MAX, VALUE_MIN, BaseError as ZkError } from "@convergence/zk";
import { InvalidInputError } from "../errors/http.ts";
import type { ServedModel } from "./types.ts";

export type RunInferenceParameters = {
  model: ServedModel;
  /**
   * One input row. `float` (default): real feature values, quantized here to round(v * 2^scale) as signed 16-bit
   * integers. `quantized`: the integers themselves, as a requester commits to them for a job.
   */
  input: readonly number[];
  encoding?: "float" | "quantized";
};

export type RunInferenceReturnType = {
  /** The int64 model's outputs, fixed point with the model's scale (what a proof of this input would show). */
  raw: bigint[];
  /** raw / 2^scale. */
  values: number[];
  /** The label of the largest output, when the manifest names its outputs. */
  label: string | undefined;
  /** The quantized input the model ran on. */
  quantizedInput: bigint[];
};

/**
 * Runs one input through a served model's int64 ONNX model with onnxruntime-node: no proof, just the answer.
 *
 * @example
 * const { values, label } = await runInference({ model, input: [0.1, -0.3, 1.2, 0, 0, 0, 0.5, -1] });
 */
export async function runInference({
  model,
  input,
  encoding = "float",
}: RunInferenceParameters): Promise<RunInferenceReturnType> {
  const { scale, shape, labels } = model.manifest;
  const width = shape[0]!;
  if (input.length !== width) {
    throw new InvalidInputError({ problem: `model ${model.name} takes ${width} values, received ${input.length}` });
  }
  const quantizedInput = input.map((value, index) => {
    if (encoding === "float") {
      try {
        return quantizeValue({ value, scale, what: `input[${index}]` });
      } catch (error) {
        if (error instanceof ZkError) throw new InvalidInputError({ problem: error.shortMessage.replace(/\.$/, "") });
        throw error;
      }
    }
    if (!Number.isInteger(value) || value < Number(VALUE_MIN) || value > Number(VALUE_MAX)) {
      throw new InvalidInputError({
        problem: `input[${index}] is ${value}; quantized values are integers from ${VALUE_MIN} to ${VALUE_MAX}`,
      });
    }
    return BigInt(value);
  });
  const { output } = await runOnnx<bigint>({ session: model.session, input: quantizedInput });
  const values = output.map((value) => Number(value) / 2 ** scale);
  return {
    raw: output,
    values,
    label: labels.length === values.length ? labels[argmax({ values })] : undefined,
    quantizedInput,
  };
}
