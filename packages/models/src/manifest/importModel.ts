import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { QuantizedMlp } from "@convergence/zk";
import { ModelExistsError } from "../errors/manifest.ts";
import { importOnnxMlp } from "../onnx/importOnnxMlp.ts";
import { chooseScale } from "../quantize/chooseScale.ts";
import type { MeasureQuantizationLossReturnType } from "../quantize/measureQuantizationLoss.ts";
import { createPrng } from "../random/createPrng.ts";
import { assertModelName } from "./assertModelName.ts";
import { modelDirectories } from "./modelDirectories.ts";
import { prepareModel } from "./prepareModel.ts";
import type { ModelManifest } from "./types.ts";
import { writeModelDirectory } from "./writeModelDirectory.ts";

export type ImportModelParameters = {
  /** A float32 ONNX MLP (see `importOnnxMlp` for what is supported). */
  path: string;
  name: string;
  /** Fixed-point scale S; default: chosen by `quantizeMlp`. */
  scale?: number;
  /** One name per output; default "0", "1", ... */
  labels?: readonly string[];
  /** Inputs to measure the quantization loss on; default 1,000 seeded standard-normal rows (see below). */
  samples?: readonly (readonly number[])[];
  /** Replace an imported model of the same name. */
  force?: boolean;
  /** Default `convergenceHome()` of @convergence/paths. */
  home?: string;
};

export type ImportModelReturnType = {
  manifest: ModelManifest;
  directory: string;
  quantized: QuantizedMlp;
  loss: MeasureQuantizationLossReturnType;
  paths: { manifest: string; floatOnnx: string; int64Onnx: string };
};

const DEFAULT_SAMPLES = 1000;

/**
 * Imports a float32 ONNX MLP as a named model: validates and reads it, quantizes it, measures the
 * quantization loss, emits the int64 ONNX model and writes `model.onnx`, `model.int64.onnx` and
 * `manifest.json` to `$CONVERGENCE_HOME/models/<name>/`. Without `samples`, the loss is measured on
 * 1,000 inputs drawn from N(0, 1) (seed 1), clipped to [-4, 4] and to what 16 bits hold at the scale:
 * the range of standardized features.
 *
 * @example
 * const { manifest } = await importModel({ path: "mlp.onnx", name: "my-mlp" })
 */
export async function importModel(parameters: ImportModelParameters): Promise<ImportModelReturnType> {
  const { path, name, scale, labels, force = false, home } = parameters;
  assertModelName({ name });
  const directories = modelDirectories(home === undefined ? {} : { home });
  if (existsSync(join(directories.bundled, name))) {
    throw new ModelExistsError({ name, path: join(directories.bundled, name) });
  }
  const directory = join(directories.imported, name);
  if (existsSync(directory) && !force) throw new ModelExistsError({ name, path: directory });
  const floatOnnx = new Uint8Array(await readFile(path));
  const { model: float } = importOnnxMlp({ bytes: floatOnnx });
  const width = float.layers[0]?.weights[0]?.length ?? 0;
  const effectiveScale = scale ?? chooseScale({ model: float }).scale;
  let samples = parameters.samples;
  let sampleSource = "caller-provided inputs";
  if (!samples) {
    // The samples must quantize at the scale: |x| * 2^S < 2^15.
    const limit = Math.min(4, (2 ** 15 - 1) / 2 ** effectiveScale);
    const prng = createPrng({ seed: 1 });
    samples = Array.from({ length: DEFAULT_SAMPLES }, () =>
      Array.from({ length: width }, () => Math.min(limit, Math.max(-limit, prng.normal()))),
    );
    sampleSource = `${DEFAULT_SAMPLES} inputs from N(0, 1), seed 1, clipped to [-${limit}, ${limit}]`;
  }
  const prepared = await prepareModel({
    name,
    version: "1",
    description: `Imported from ${path}`,
    float,
    floatOnnx,
    scale: effectiveScale,
    ...(labels ? { labels } : {}),
    samples,
    sampleSource,
  });
  if (existsSync(directory)) await rm(directory, { recursive: true });
  const written = await writeModelDirectory({
    directory,
    manifest: prepared.manifest,
    floatOnnx,
    int64Onnx: prepared.int64Onnx,
  });
  return {
    manifest: prepared.manifest,
    directory,
    quantized: prepared.quantized,
    loss: prepared.loss,
    paths: { manifest: written.manifestPath, floatOnnx: written.floatOnnxPath, int64Onnx: written.int64OnnxPath },
  };
}
