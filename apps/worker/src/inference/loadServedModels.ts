import { createOnnxSession, loadModel } from "@convergence/models";
import type { ServedModel } from "./types.ts";

export type LoadServedModelsParameters = {
  names: readonly string[];
  /** $CONVERGENCE_HOME: where imported models live. */
  home: string;
};

export type LoadServedModelsReturnType = Map<string, ServedModel>;

/**
 * Loads each named model (hash- and commitment-checked by `loadModel`) and opens its int64 ONNX model in
 * onnxruntime-node once, for every request to reuse.
 *
 * @example
 * const models = await loadServedModels({ names: ["risk-v1"], home });
 */
export async function loadServedModels({
  names,
  home,
}: LoadServedModelsParameters): Promise<LoadServedModelsReturnType> {
  const served = new Map<string, ServedModel>();
  for (const name of names) {
    const { manifest, quantized, int64Onnx } = await loadModel({ name, home });
    const session = await createOnnxSession({ bytes: int64Onnx });
    served.set(name, { name, manifest, quantized, commitment: BigInt(manifest.commitments.model), session });
  }
  return served;
}
