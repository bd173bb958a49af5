import { argmax, runOnnx } from "@convergence/models";
import { buildPackageInput, quantizeValue, BaseError as ZkError } from "@convergence/zk";
import { InvalidInputError } from "../errors/http.ts";
import { servedShape } from "./servedShape.ts";
import type { Served } from "./types.ts";

export type RunInferenceParameters = {
  model: Served;
  /**
   * One input row. `float` (default): real feature values, quantized here to round(v * 2^scale) as signed 16-bit
   * integers. `quantized`: the integers themselves, as a requester commits to them for a job.
   */
  input: readonly number[];
  encoding?: "float" | "quantized";
};

export type RunInferenceReturnType = {
  /** The outputs, fixed point (what a proof of this input would show). */
  raw: bigint[];
  /** raw / 2^scale of each output. */
  values: number[];
  /** The label of the largest output, when the manifest names its outputs. */
  label: string | undefined;
  /** The quantized input the model ran on. */
  quantizedInput: bigint[];
};

/**
 * Runs one input through a served model, no proof, just the answer: an MLP through its int64 ONNX model with
 * onnxruntime-node, a circuit package through its TypeScript reference (the input builder the circuit is checked
 * against).
 *
 * @example
 * const { values, label } = await runInference({ model, input: [0.1, -0.3, 1.2, 0, 0, 0, 0.5, -1] });
 */
export async function runInference({
  model,
  input,
  encoding = "float",
}: RunInferenceParameters): Promise<RunInferenceReturnType> {
  const { numInputs, inputScale, inputMin, inputMax, outputScales, labels } = servedShape({ served: model });
  if (input.length !== numInputs) {
    throw new InvalidInputError({ problem: `model ${model.name} takes ${numInputs} values, received ${input.length}` });
  }
  const quantizedInput = input.map((value, index) => {
    let quantized: bigint;
    if (encoding === "float") {
      try {
        quantized = quantizeValue({ value, scale: inputScale, what: `input[${index}]` });
      } catch (error) {
        if (error instanceof ZkError) throw new InvalidInputError({ problem: error.shortMessage.replace(/\.$/, "") });
        throw error;
      }
    } else if (!Number.isInteger(value) || value < inputMin || value > inputMax) {
      // Range-checked as a number: BigInt(1e308) is exact but its 309 digits would fill the message.
      throw new InvalidInputError({
        problem: `input[${index}] is ${value}; quantized values are integers from ${inputMin} to ${inputMax}`,
      });
    } else quantized = BigInt(value);
    if (quantized < BigInt(inputMin) || quantized > BigInt(inputMax)) {
      throw new InvalidInputError({
        problem: `input[${index}] is ${quantized} quantized; quantized values are integers from ${inputMin} to ${inputMax}`,
      });
    }
    return quantized;
  });
  let output: bigint[];
  if (model.kind === "mlp") {
    ({ output } = await runOnnx<bigint>({ session: model.session, input: quantizedInput }));
  } else {
    try {
      ({ outputs: output } = await buildPackageInput({ pkg: model.pkg, input: quantizedInput, salt: 0n }));
    } catch (error) {
      if (error instanceof ZkError) throw new InvalidInputError({ problem: error.shortMessage.replace(/\.$/, "") });
      throw error;
    }
  }
  const values = output.map((value, i) => Number(value) / 2 ** (outputScales[i] ?? 0));
  return {
    raw: output,
    values,
    label: labels.length === values.length ? labels[argmax({ values })] : undefined,
    quantizedInput,
  };
}
