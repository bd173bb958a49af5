/**
 * ONNX models: per shape, 1,000 inputs through the int64 ONNX model against the TypeScript reference
 * `forward()` (mismatches must be 0), single-row inference latency of the float32 and int64 models in
 * onnxruntime-node (CPU, one intra-op thread, warm session, 50 warm-up runs), and risk-v1's accuracy
 * and quantization loss on its held-out split. `pnpm bench models`.
 */
import { performance } from "node:perf_hooks";
import {
  buildFloatOnnx,
  buildInt64Onnx,
  buildReferenceModel,
  buildRiskFeatures,
  createOnnxSession,
  createPrng,
  generateMarketStates,
  loadModel,
  type OnnxSession,
  randomQuantizedMlp,
  runOnnx,
} from "@convergence/models";
import { forward, modelShape, type QuantizedMlp, quantizeValue, VALUE_MAX, VALUE_MIN } from "@convergence/zk";
import type { BenchSection } from "../types.ts";

const INPUTS = 1000;
const WARMUP = 50;

type Case = {
  name: string;
  quantized: QuantizedMlp;
  floatOnnx: Uint8Array;
  inputs: bigint[][];
  floatInputs: number[][];
};

/** Random 16-bit inputs, a fifth of them multiples of 2^S (exact-multiple accumulators), extremes first. */
function randomInputs(width: number, scale: number, seed: number, count: number): bigint[][] {
  const prng = createPrng({ seed });
  const unit = 2 ** scale;
  const extremes = [VALUE_MAX, VALUE_MIN, 0n, -1n].map((v) => new Array<bigint>(width).fill(v));
  const random = Array.from({ length: count - extremes.length }, (_, n) =>
    Array.from({ length: width }, () =>
      n % 5 === 0
        ? BigInt(prng.int(Math.ceil(Number(VALUE_MIN) / unit), Math.floor(Number(VALUE_MAX) / unit)) * unit)
        : BigInt(prng.int(Number(VALUE_MIN), Number(VALUE_MAX))),
    ),
  );
  return [...extremes, ...random];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function latency<T extends number | bigint>(
  session: OnnxSession,
  inputs: T[][],
): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < WARMUP; i++) await runOnnx({ session, input: inputs[i % inputs.length] as T[] });
  const times: number[] = [];
  for (const input of inputs) {
    const start = performance.now();
    await runOnnx({ session, input });
    times.push((performance.now() - start) * 1000);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function cases(): Promise<Case[]> {
  const risk = await loadModel({ name: "risk-v1" });
  const { markets } = generateMarketStates({ count: INPUTS / 2, seed: 2024 });
  const realFloat = markets.map((market) => buildRiskFeatures({ market }));
  const real = realFloat.map((row) => row.map((value) => quantizeValue({ value, scale: risk.quantized.scale })));
  const result: Case[] = [
    {
      name: "risk-v1 (8-16-3)",
      quantized: risk.quantized,
      floatOnnx: risk.floatOnnx,
      inputs: [...real, ...randomInputs(8, risk.quantized.scale, 1, INPUTS / 2)],
      floatInputs: realFloat,
    },
  ];
  for (const [widths, seed] of [
    [[4, 8, 2], 2],
    [[16, 32, 4], 3],
  ] as const) {
    const quantized = randomQuantizedMlp({ widths, scale: 8, seed });
    const unit = 2 ** quantized.scale;
    // The float twin of the random fixed-point model: same weights divided by 2^S.
    const float = {
      layers: quantized.layers.map((layer) => ({
        weights: layer.weights.map((row) => row.map((w) => Number(w) / unit)),
        bias: layer.bias.map((b) => Number(b) / unit),
        relu: layer.relu,
      })),
    };
    const inputs = randomInputs(widths[0], quantized.scale, seed, INPUTS);
    result.push({
      name: `random ${widths.join("-")}`,
      quantized,
      floatOnnx: buildFloatOnnx({ model: float }),
      inputs,
      floatInputs: inputs.map((row) => row.map((v) => Number(v) / unit)),
    });
  }
  return result;
}

export async function run(): Promise<BenchSection[]> {
  const rows: Record<string, string | number>[] = [];
  for (const c of await cases()) {
    const int64 = await createOnnxSession({ bytes: buildInt64Onnx({ model: c.quantized }) });
    const float = await createOnnxSession({ bytes: c.floatOnnx });
    let mismatches = 0;
    for (const input of c.inputs) {
      const { output } = await runOnnx({ session: int64, input });
      const expected = forward({ model: c.quantized, input }).output;
      if (output.some((v, j) => v !== expected[j])) mismatches++;
    }
    const int64Latency = await latency(int64, c.inputs);
    const floatLatency = await latency(float, c.floatInputs);
    rows.push({
      model: c.name,
      parameters: modelShape({ model: c.quantized }).parameterCount,
      scale: c.quantized.scale,
      "int64 vs forward()": `${c.inputs.length} inputs`,
      mismatches,
      "float p50 µs": floatLatency.p50,
      "float p99 µs": floatLatency.p99,
      "int64 p50 µs": int64Latency.p50,
      "int64 p99 µs": int64Latency.p99,
    });
    await int64.session.release();
    await float.session.release();
    if (mismatches > 0) throw new Error(`${c.name}: ${mismatches} int64 ONNX outputs differ from forward()`);
  }

  const reference = await buildReferenceModel();
  const q = reference.manifest.quantization;
  const quality: BenchSection = {
    name: "risk-v1 accuracy and quantization loss (held-out synthetic split)",
    rows: [
      {
        split: `train ${reference.manifest.training?.trainSize} / held-out ${reference.manifest.training?.heldOutSize}`,
        "train accuracy": reference.accuracy.train,
        "held-out float": reference.accuracy.heldOut,
        "held-out fixed point": reference.accuracy.quantizedHeldOut,
        "argmax agreement": `${(q.argmaxAgreement * 100).toFixed(2)}%`,
        "max |logit error|": q.maxAbsError,
        scale: q.scale,
      },
    ],
    notes: [
      "Labels carry 4% noise by design (generateMarketStates), so about 96% is the ceiling.",
      "Target: held-out accuracy > 85% (asserted in packages/models/src/risk/buildReferenceModel.test.ts).",
    ],
  };
  return [
    {
      name: "ONNX int64 exactness and inference latency (onnxruntime-node CPU, 1 thread, single row)",
      rows,
      notes: [
        "mismatches = int64 ONNX outputs that differ from forward() in @convergence/zk; must be 0.",
        "Inputs: 16-bit extremes, random 16-bit values, a fifth multiples of 2^S; risk-v1 half real standardized features.",
        "Latency is one runOnnx call (tensor creation + session.run) after 50 warm-up runs.",
      ],
    },
    quality,
  ];
}
