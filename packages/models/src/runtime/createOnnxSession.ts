import { readFile } from "node:fs/promises";
import * as ort from "onnxruntime-node";
import { OnnxRuntimeError } from "../errors/runtime.ts";

export type OnnxSession = {
  session: ort.InferenceSession;
  inputName: string;
  outputName: string;
  /** The element type of the input and output: float32 for a float model, int64 for a fixed-point one. */
  dataType: "float32" | "int64";
  /** The input width (features per row). */
  inputWidth: number;
};

export type CreateOnnxSessionParameters = (
  | { bytes: Uint8Array; path?: undefined }
  | { path: string; bytes?: undefined }
) & {
  /** Intra-op threads; default 1, which is fastest for models this small and leaves cores to the prover. */
  threads?: number;
};

export type CreateOnnxSessionReturnType = OnnxSession;

/**
 * Loads an ONNX model into onnxruntime-node (CPU) once, to run it many times with `runOnnx`.
 *
 * @example
 * const session = await createOnnxSession({ path: "model.onnx" })
 * const { output } = await runOnnx({ session, input: [0.1, -2, 3] })
 */
export async function createOnnxSession(parameters: CreateOnnxSessionParameters): Promise<CreateOnnxSessionReturnType> {
  const { threads = 1 } = parameters;
  let session: ort.InferenceSession;
  try {
    const bytes = parameters.path !== undefined ? await readFile(parameters.path) : parameters.bytes;
    session = await ort.InferenceSession.create(bytes, {
      executionProviders: ["cpu"],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      // Errors only: warnings about unused initializers in third-party exports are noise here.
      logSeverityLevel: 3,
    });
  } catch (cause) {
    throw new OnnxRuntimeError({ action: `load ${parameters.path ?? "the model"}`, cause });
  }
  const input = session.inputMetadata[0];
  const output = session.outputMetadata[0];
  if (!input?.isTensor || !output || session.inputNames.length !== 1 || session.outputNames.length !== 1) {
    throw new OnnxRuntimeError({
      action: "use the model",
      cause: new Error("expected exactly one tensor input and one output"),
    });
  }
  if (input.type !== "float32" && input.type !== "int64") {
    throw new OnnxRuntimeError({
      action: "use the model",
      cause: new Error(`its input is ${input.type}; expected float32 or int64`),
    });
  }
  const width = input.shape.at(-1);
  return {
    session,
    inputName: input.name,
    outputName: output.name,
    dataType: input.type,
    inputWidth: typeof width === "number" ? width : -1,
  };
}
