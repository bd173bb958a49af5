import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { MODEL_FILES } from "./prepareModel.ts";
import type { ModelManifest } from "./types.ts";

export type WriteModelDirectoryParameters = {
  directory: string;
  manifest: ModelManifest;
  /** Written unless left out (a bundled model's float ONNX is already committed). */
  floatOnnx?: Uint8Array;
  int64Onnx?: Uint8Array;
};

export type WriteModelDirectoryReturnType = { manifestPath: string; floatOnnxPath: string; int64OnnxPath: string };

/**
 * Writes a model directory: `manifest.json` (stable key order, 2-space indent, final newline, so a
 * rebuild gives the same bytes), `model.onnx` and `model.int64.onnx`.
 *
 * @example
 * await writeModelDirectory({ directory: ".convergence/models/my-mlp", manifest, floatOnnx, int64Onnx })
 */
export async function writeModelDirectory(
  parameters: WriteModelDirectoryParameters,
): Promise<WriteModelDirectoryReturnType> {
  const { directory, manifest, floatOnnx, int64Onnx } = parameters;
  await mkdir(directory, { recursive: true });
  const paths = {
    manifestPath: join(directory, MODEL_FILES.manifest),
    floatOnnxPath: join(directory, manifest.files.floatOnnx.path),
    int64OnnxPath: join(directory, manifest.files.int64Onnx.path),
  };
  if (floatOnnx) await writeFile(paths.floatOnnxPath, floatOnnx);
  if (int64Onnx) await writeFile(paths.int64OnnxPath, int64Onnx);
  await writeFile(paths.manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return paths;
}
