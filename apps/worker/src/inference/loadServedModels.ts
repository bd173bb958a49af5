import { existsSync } from "node:fs";
import { join } from "node:path";
import { createOnnxSession, loadModel } from "@convergence/models";
import { loadCircuitPackage } from "@convergence/zk";
import type { PublishedKeys, Served } from "./types.ts";

export type LoadServedModelsParameters = {
  names: readonly string[];
  /** $CONVERGENCE_HOME: where imported models and added circuit packages live. */
  home: string;
};

export type LoadServedModelsReturnType = Map<string, Served>;

/**
 * Loads each named model: a circuit package added with `convergence circuit add` ($CONVERGENCE_HOME/circuits/<name>/,
 * validated by `loadCircuitPackage`), else an MLP (hash- and commitment-checked by `loadModel`) whose int64 ONNX model
 * is opened in onnxruntime-node once, for every request to reuse.
 *
 * @example
 * const models = await loadServedModels({ names: ["risk-v1", "linear-threshold"], home });
 */
export async function loadServedModels({
  names,
  home,
}: LoadServedModelsParameters): Promise<LoadServedModelsReturnType> {
  const served = new Map<string, Served>();
  for (const name of names) {
    const circuitDir = join(home, "circuits", name);
    if (existsSync(join(circuitDir, "circuit.json"))) {
      const pkg = await loadCircuitPackage({ dir: circuitDir });
      served.set(name, { kind: "circuit", name, pkg, commitment: pkg.modelCommitment });
      continue;
    }
    const loaded = await loadModel({ name, home });
    const { manifest, quantized, int64Onnx } = loaded;
    // `publishedKeys` comes with slice "setup"'s loadModel; read through a narrow type until it is in main.
    const { publishedKeys } = loaded as { publishedKeys?: PublishedKeys };
    const session = await createOnnxSession({ bytes: int64Onnx });
    served.set(name, {
      kind: "mlp",
      name,
      manifest,
      quantized,
      commitment: BigInt(manifest.commitments.model),
      session,
      ...(publishedKeys ? { publishedKeys } : {}),
    });
  }
  return served;
}
