import { commitModel, type FloatMlp, modelShape, type QuantizedMlp } from "@convergence/zk";
import { InvalidLabelsError } from "../errors/manifest.ts";
import { buildInt64Onnx } from "../onnx/buildInt64Onnx.ts";
import {
  type MeasureQuantizationLossReturnType,
  measureQuantizationLoss,
} from "../quantize/measureQuantizationLoss.ts";
import { quantizeMlp } from "../quantize/quantizeMlp.ts";
import { sha256 } from "./sha256.ts";
import type { ModelFeature, ModelManifest, ModelTraining } from "./types.ts";

/** File names inside a model's directory (bundled or imported). */
export const MODEL_FILES = {
  manifest: "manifest.json",
  floatOnnx: "model.onnx",
  int64Onnx: "model.int64.onnx",
  /** The folder of the model's published keys (circuit_final.zkey, verification_key.json, setup.json). */
  keys: "keys",
} as const;

export type PrepareModelParameters = {
  name: string;
  version: string;
  description?: string;
  float: FloatMlp;
  /** The float32 ONNX file the model came from, hashed into the manifest as is. */
  floatOnnx: Uint8Array;
  /** Default: chosen by `quantizeMlp`. */
  scale?: number;
  /** Default: "0", "1", ... one per output. */
  labels?: readonly string[];
  features?: readonly ModelFeature[];
  /** Float inputs on which to measure the quantization loss. */
  samples: readonly (readonly number[])[];
  sampleLabels?: readonly number[];
  /** Says where the samples came from, for the manifest. */
  sampleSource: string;
  training?: Omit<ModelTraining, "quantizedHeldOutAccuracy">;
};

export type PrepareModelReturnType = {
  manifest: ModelManifest;
  quantized: QuantizedMlp;
  int64Onnx: Uint8Array;
  loss: MeasureQuantizationLossReturnType;
};

/**
 * From a float model to everything a model directory holds: quantizes it, emits the int64 ONNX
 * model, measures the quantization loss, commits to the weights and writes the manifest (in memory;
 * see `writeModelDirectory`).
 *
 * @example
 * const { manifest, int64Onnx } = await prepareModel({ name: "m", version: "1", float, floatOnnx, samples, sampleSource: "..." })
 */
export async function prepareModel(parameters: PrepareModelParameters): Promise<PrepareModelReturnType> {
  const {
    name,
    version,
    description,
    float,
    floatOnnx,
    scale,
    features,
    samples,
    sampleLabels,
    sampleSource,
    training,
  } = parameters;
  const quantized = quantizeMlp({ model: float, ...(scale === undefined ? {} : { scale }) });
  const { widths } = modelShape({ model: quantized });
  const outputs = widths.at(-1) as number;
  const labels = parameters.labels ? [...parameters.labels] : Array.from({ length: outputs }, (_, i) => String(i));
  if (labels.length !== outputs || labels.some((label) => label === "")) {
    throw new InvalidLabelsError({ labels, outputs });
  }
  const int64Onnx = buildInt64Onnx({ model: quantized });
  const loss = measureQuantizationLoss({
    float,
    quantized,
    samples,
    ...(sampleLabels ? { labels: sampleLabels } : {}),
  });
  const commitment = await commitModel({ model: quantized });
  const manifest: ModelManifest = {
    name,
    version,
    ...(description ? { description } : {}),
    shape: widths,
    scale: quantized.scale,
    labels,
    ...(features ? { features: features.map((f) => ({ ...f })) } : {}),
    commitments: { model: commitment.toString() },
    files: {
      floatOnnx: { path: MODEL_FILES.floatOnnx, sha256: sha256({ bytes: floatOnnx }) },
      int64Onnx: { path: MODEL_FILES.int64Onnx, sha256: sha256({ bytes: int64Onnx }) },
    },
    quantization: {
      scale: quantized.scale,
      argmaxAgreement: loss.argmaxAgreement,
      maxAbsError: loss.maxAbsError,
      samples: loss.samples,
      sample: sampleSource,
    },
    ...(training ? { training: { ...training, quantizedHeldOutAccuracy: loss.quantizedAccuracy ?? 0 } } : {}),
  };
  return { manifest, quantized, int64Onnx, loss };
}
