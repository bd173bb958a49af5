import { existsSync } from "node:fs";
import { join } from "node:path";
import type { FloatMlp, QuantizedMlp } from "@convergence/zk";
import { modelDirectories } from "../manifest/modelDirectories.ts";
import { MODEL_FILES, prepareModel } from "../manifest/prepareModel.ts";
import { readManifest } from "../manifest/readManifest.ts";
import type { ModelManifest } from "../manifest/types.ts";
import { writeModelDirectory } from "../manifest/writeModelDirectory.ts";
import { buildFloatOnnx } from "../onnx/buildFloatOnnx.ts";
import { argmax } from "../quantize/argmax.ts";
import { floatForward } from "../quantize/floatForward.ts";
import { trainMlp } from "../train/trainMlp.ts";
import { buildRiskFeatures } from "./buildRiskFeatures.ts";
import { generateMarketStates } from "./generateMarketStates.ts";
import { RISK_FEATURES, RISK_LABELS } from "./riskFeatures.ts";

/** Everything that determines risk-v1's bytes. Change one and the committed files change. */
export const RISK_V1 = {
  name: "risk-v1",
  version: "1.0.0",
  widths: [8, 16, 3],
  seed: 1,
  count: 8000,
  trainSize: 6000,
  labelNoise: 0.04,
  epochs: 40,
  learningRate: 0.01,
  scale: 8,
} as const;

export type BuildReferenceModelParameters = {
  /** Write the model directory (default false: build in memory only). */
  write?: boolean;
  /** Where to write; default the bundled `packages/models/assets/risk-v1/`. */
  directory?: string;
};

export type BuildReferenceModelReturnType = {
  manifest: ModelManifest;
  float: FloatMlp;
  quantized: QuantizedMlp;
  floatOnnx: Uint8Array;
  int64Onnx: Uint8Array;
  accuracy: { train: number; heldOut: number; quantizedHeldOut: number };
  /** The directory written to, when `write` was set. */
  directory?: string;
};

/**
 * Builds the reference model risk-v1 from scratch: generates the seeded synthetic WETH/USDC market
 * data, trains the 8-16-3 MLP, measures held-out accuracy of the float and fixed-point models, and
 * emits the float32 ONNX file (laid out as PyTorch exports it), the int64 ONNX file and the
 * manifest. Deterministic: the same code gives the same bytes, which a test checks against the
 * committed files.
 *
 * @example
 * const { accuracy, manifest } = await buildReferenceModel({ write: true })
 */
export async function buildReferenceModel(
  parameters: BuildReferenceModelParameters = {},
): Promise<BuildReferenceModelReturnType> {
  const { write = false } = parameters;
  const { markets, labels } = generateMarketStates({
    count: RISK_V1.count,
    seed: RISK_V1.seed,
    labelNoise: RISK_V1.labelNoise,
  });
  const features = markets.map((market) => buildRiskFeatures({ market }));
  const train = { inputs: features.slice(0, RISK_V1.trainSize), labels: labels.slice(0, RISK_V1.trainSize) };
  const heldOut = { inputs: features.slice(RISK_V1.trainSize), labels: labels.slice(RISK_V1.trainSize) };
  const { model: float } = trainMlp({
    ...train,
    widths: RISK_V1.widths,
    seed: RISK_V1.seed,
    epochs: RISK_V1.epochs,
    learningRate: RISK_V1.learningRate,
  });
  const accuracy = (split: typeof train) =>
    split.inputs.filter((input, n) => argmax({ values: floatForward({ model: float, input }) }) === split.labels[n])
      .length / split.inputs.length;
  const floatOnnx = buildFloatOnnx({
    model: float,
    layout: "gemm-transB",
    inputName: "features",
    outputName: "logits",
    producerName: "@convergence/models buildReferenceModel",
    docString:
      "risk-v1: WETH/USDC trade risk. Input: 8 standardized market features (buildRiskFeatures). Output: logits for low, medium, high.",
  });
  const trainAccuracy = accuracy(train);
  const heldOutAccuracy = accuracy(heldOut);
  const prepared = await prepareModel({
    name: RISK_V1.name,
    version: RISK_V1.version,
    description:
      "Risk of a WETH/USDC trade (low / medium / high) from 8 standardized market features; trained on seeded synthetic data.",
    float,
    floatOnnx,
    scale: RISK_V1.scale,
    labels: RISK_LABELS,
    features: RISK_FEATURES,
    samples: heldOut.inputs,
    sampleLabels: heldOut.labels,
    sampleSource: `the ${heldOut.inputs.length} held-out synthetic market states`,
    training: {
      dataset: `generateMarketStates seed ${RISK_V1.seed}, ${RISK_V1.count} states, label noise ${RISK_V1.labelNoise}; Adam, lr ${RISK_V1.learningRate}, batch 32, seed ${RISK_V1.seed}`,
      trainSize: train.inputs.length,
      heldOutSize: heldOut.inputs.length,
      epochs: RISK_V1.epochs,
      trainAccuracy,
      heldOutAccuracy,
    },
  });
  // The published keys are not a product of training (scripts/publish-model-keys.ts makes them): keep their pin.
  const directory = parameters.directory ?? join(modelDirectories().bundled, RISK_V1.name);
  const committed = join(directory, MODEL_FILES.manifest);
  const keys = existsSync(committed) ? (await readManifest({ path: committed })).keys : undefined;
  const manifest: ModelManifest = keys === undefined ? prepared.manifest : { ...prepared.manifest, keys };
  const result: BuildReferenceModelReturnType = {
    manifest,
    float,
    quantized: prepared.quantized,
    floatOnnx,
    int64Onnx: prepared.int64Onnx,
    accuracy: {
      train: trainAccuracy,
      heldOut: heldOutAccuracy,
      quantizedHeldOut: prepared.loss.quantizedAccuracy ?? 0,
    },
  };
  if (write) {
    await writeModelDirectory({ directory, manifest, floatOnnx, int64Onnx: prepared.int64Onnx });
    result.directory = directory;
  }
  return result;
}
