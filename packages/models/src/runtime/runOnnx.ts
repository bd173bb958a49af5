import * as ort from "onnxruntime-node";
import { InputMismatchError, OnnxRuntimeError } from "../errors/runtime.ts";
import { createOnnxSession, type OnnxSession } from "./createOnnxSession.ts";

type Source = { session: OnnxSession; bytes?: undefined } | { bytes: Uint8Array; session?: undefined };

export type RunOnnxParameters<T extends number | bigint> = Source & {
  /** One input row: numbers for a float32 model, quantized bigints for an int64 model. */
  input: readonly T[];
};

export type RunOnnxReturnType<T extends number | bigint> = { output: T[] };

const sessions = new WeakMap<Uint8Array, Promise<OnnxSession>>();

/**
 * Runs one input row through an ONNX model with onnxruntime-node: a float32 model takes and returns
 * numbers, an int64 model bigints. Given `bytes`, the session is created on first use and reused for
 * the same Uint8Array; pass a `session` from `createOnnxSession` to control its lifetime.
 *
 * @example
 * const { output } = await runOnnx({ bytes: int64Bytes, input: [256n, -512n] }) // [.., ..] as bigints
 */
export async function runOnnx<T extends number | bigint>(
  parameters: RunOnnxParameters<T>,
): Promise<RunOnnxReturnType<T>> {
  const { input } = parameters;
  let session = parameters.session;
  if (!session) {
    const bytes = parameters.bytes as Uint8Array;
    let pending = sessions.get(bytes);
    if (!pending) {
      pending = createOnnxSession({ bytes });
      sessions.set(bytes, pending);
      pending.catch(() => sessions.delete(bytes));
    }
    session = await pending;
  }
  const isBigInt = input.length > 0 && typeof input[0] === "bigint";
  const received = `${input.length} ${isBigInt ? "bigint" : "number"} values`;
  const expected = `${session.inputWidth} ${session.dataType === "int64" ? "bigint" : "number"} values`;
  if (
    input.length !== session.inputWidth ||
    (session.dataType === "int64") !== isBigInt ||
    input.some((v) => typeof v !== (isBigInt ? "bigint" : "number"))
  ) {
    throw new InputMismatchError({ expected, received });
  }
  const tensor =
    session.dataType === "int64"
      ? new ort.Tensor("int64", BigInt64Array.from(input as readonly bigint[]), [1, input.length])
      : new ort.Tensor("float32", Float32Array.from(input as readonly number[]), [1, input.length]);
  let result: ort.InferenceSession.ReturnType;
  try {
    result = await session.session.run({ [session.inputName]: tensor });
  } catch (cause) {
    throw new OnnxRuntimeError({ action: "run the model", cause });
  }
  const data = result[session.outputName]?.data;
  if (data instanceof BigInt64Array) return { output: Array.from(data) as T[] };
  if (data instanceof Float32Array) return { output: Array.from(data) as T[] };
  throw new OnnxRuntimeError({ action: "read the output", cause: new Error("expected a float32 or int64 tensor") });
}
