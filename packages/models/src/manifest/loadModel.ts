import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { commitModel, type FloatMlp, modelShape, type PublishedKeys, type QuantizedMlp } from "@convergence/zk";
import { FileHashMismatchError, InvalidManifestError, ModelNotFoundError } from "../errors/manifest.ts";
import { buildInt64Onnx } from "../onnx/buildInt64Onnx.ts";
import { importOnnxMlp } from "../onnx/importOnnxMlp.ts";
import { quantizeMlp } from "../quantize/quantizeMlp.ts";
import { assertModelName } from "./assertModelName.ts";
import { modelDirectories } from "./modelDirectories.ts";
import { MODEL_FILES } from "./prepareModel.ts";
import { readManifest } from "./readManifest.ts";
import { sha256 } from "./sha256.ts";
import type { ModelManifest } from "./types.ts";

export type LoadModelParameters = {
  name: string;
  /** Default `convergenceHome()` of @convergence/paths. */
  home?: string;
};

export type LoadModelReturnType = {
  manifest: ModelManifest;
  /** The model's directory. */
  directory: string;
  /** True for a model shipped in packages/models/assets. */
  bundled: boolean;
  float: FloatMlp;
  quantized: QuantizedMlp;
  floatOnnx: Uint8Array;
  int64Onnx: Uint8Array;
  paths: { manifest: string; floatOnnx: string; int64Onnx: string };
  /** The model's published keys and their pins (manifest `keys`), for `setupModel({ published })`; absent without. */
  publishedKeys?: PublishedKeys;
};

/**
 * Finds a model by name (bundled models first, then `$CONVERGENCE_HOME/models/<name>/`), checks the
 * float ONNX file against the manifest's hash, re-derives the fixed-point weights from it at the
 * manifest's scale and checks them against the manifest's commitment and int64 hash. The int64 ONNX
 * file is regenerated next to the manifest when missing (it is never committed).
 *
 * @example
 * const { manifest, quantized, int64Onnx } = await loadModel({ name: "risk-v1" })
 */
export async function loadModel({ name, home }: LoadModelParameters): Promise<LoadModelReturnType> {
  assertModelName({ name });
  const directories = modelDirectories(home === undefined ? {} : { home });
  const candidates = [join(directories.bundled, name), join(directories.imported, name)];
  const directory = candidates.find((dir) => existsSync(join(dir, MODEL_FILES.manifest)));
  if (!directory) throw new ModelNotFoundError({ name, searched: candidates });
  const manifestPath = join(directory, MODEL_FILES.manifest);
  const manifest = await readManifest({ path: manifestPath });
  if (manifest.name !== name) {
    throw new InvalidManifestError({
      path: manifestPath,
      problem: `its name is "${manifest.name}", expected "${name}"`,
    });
  }
  const paths = {
    manifest: manifestPath,
    floatOnnx: join(directory, manifest.files.floatOnnx.path),
    int64Onnx: join(directory, manifest.files.int64Onnx.path),
  };
  const floatOnnx = new Uint8Array(await readFile(paths.floatOnnx));
  checkHash(paths.floatOnnx, manifest.files.floatOnnx.sha256, floatOnnx);
  const { model: float } = importOnnxMlp({ bytes: floatOnnx });
  const quantized = quantizeMlp({ model: float, scale: manifest.scale });
  const { widths } = modelShape({ model: quantized });
  if (widths.join(",") !== manifest.shape.join(",")) {
    throw new InvalidManifestError({
      path: manifestPath,
      problem: `shape is [${manifest.shape.join(", ")}] but ${manifest.files.floatOnnx.path} has [${widths.join(", ")}]`,
    });
  }
  const commitment = (await commitModel({ model: quantized })).toString();
  if (commitment !== manifest.commitments.model) {
    throw new InvalidManifestError({
      path: manifestPath,
      problem: `commitments.model is ${manifest.commitments.model} but the weights commit to ${commitment}`,
    });
  }
  const int64Onnx = buildInt64Onnx({ model: quantized });
  checkHash(`${paths.int64Onnx} (regenerated)`, manifest.files.int64Onnx.sha256, int64Onnx);
  if (existsSync(paths.int64Onnx)) {
    checkHash(paths.int64Onnx, manifest.files.int64Onnx.sha256, new Uint8Array(await readFile(paths.int64Onnx)));
  } else {
    // A cache of a pure function of the committed files: if the directory is read-only, the bytes
    // returned below are the same.
    await writeFile(paths.int64Onnx, int64Onnx).catch(() => undefined);
  }
  return {
    manifest,
    directory,
    bundled: directory === candidates[0],
    float,
    quantized,
    floatOnnx,
    int64Onnx,
    paths,
    ...(manifest.keys === undefined
      ? {}
      : { publishedKeys: { dir: join(directory, MODEL_FILES.keys), ...manifest.keys } }),
  };
}

function checkHash(path: string, expected: string, bytes: Uint8Array): void {
  const received = sha256({ bytes });
  if (received !== expected) throw new FileHashMismatchError({ path, expected, received });
}
