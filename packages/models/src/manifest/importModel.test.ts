import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { forward } from "@convergence/zk";
import { describe, expect, it } from "vitest";
import { InvalidLabelsError, ModelExistsError } from "../errors/manifest.ts";
import { UnsupportedOperatorError } from "../errors/onnx.ts";
import { ScaleOverflowError } from "../errors/quantize.ts";
import { buildFloatOnnx } from "../onnx/buildFloatOnnx.ts";
import { createValueInfo } from "../onnx/createValueInfo.ts";
import { encodeModel } from "../onnx/encodeModel.ts";
import { createPrng } from "../random/createPrng.ts";
import { runOnnx } from "../runtime/runOnnx.ts";
import { importModel } from "./importModel.ts";
import { loadModel } from "./loadModel.ts";
import { sha256 } from "./sha256.ts";

const prng = createPrng({ seed: 31 });
const float = {
  layers: [
    {
      weights: Array.from({ length: 8 }, () => Array.from({ length: 4 }, () => Math.fround(prng.uniform(-1, 1)))),
      bias: Array.from({ length: 8 }, () => Math.fround(prng.uniform(-0.3, 0.3))),
      relu: true,
    },
    {
      weights: Array.from({ length: 2 }, () => Array.from({ length: 8 }, () => Math.fround(prng.uniform(-1, 1)))),
      bias: [0, Math.fround(0.1)],
      relu: false,
    },
  ],
};

function setup() {
  const home = mkdtempSync(join(tmpdir(), "models-home-"));
  const path = join(home, "mlp.onnx");
  writeFileSync(path, buildFloatOnnx({ model: float, layout: "matmul-add" }));
  return { home, path };
}

describe("importModel", () => {
  it("writes model.onnx, model.int64.onnx and manifest.json under <home>/models/<name>, loadable by name", async () => {
    const { home, path } = setup();
    const result = await importModel({ path, name: "my-mlp", home, labels: ["no", "yes"] });
    expect(result.directory).toBe(join(home, "models", "my-mlp"));
    expect(result.manifest).toMatchObject({ name: "my-mlp", shape: [4, 8, 2], scale: 8, labels: ["no", "yes"] });
    expect(result.manifest.quantization.samples).toBe(1000);
    expect(result.manifest.quantization.argmaxAgreement).toBeGreaterThan(0.97);
    expect(result.manifest.files.floatOnnx.sha256).toBe(sha256({ bytes: readFileSync(path) }));
    for (const file of Object.values(result.paths)) expect(existsSync(file)).toBe(true);

    const loaded = await loadModel({ name: "my-mlp", home });
    expect(loaded.bundled).toBe(false);
    expect(loaded.quantized).toEqual(result.quantized);
    expect(loaded.manifest).toEqual(result.manifest);
    const input = [300n, -1024n, 0n, 32767n];
    expect((await runOnnx({ bytes: loaded.int64Onnx, input })).output).toEqual(
      forward({ model: result.quantized, input }).output,
    );
  });

  it("takes an explicit scale, and fails naming the value and the range when it overflows", async () => {
    const { home, path } = setup();
    const fine = await importModel({ path, name: "fine", home, scale: 12 });
    expect(fine.manifest.scale).toBe(12);
    expect(fine.manifest.quantization.sample).toMatch(/clipped to \[-4, 4\]/);
    const big = { layers: [{ weights: [[3, 1]], bias: [0], relu: false }] };
    const bigPath = join(home, "big.onnx");
    writeFileSync(bigPath, buildFloatOnnx({ model: big }));
    await expect(importModel({ path: bigPath, name: "big", home, scale: 14 })).rejects.toThrowError(ScaleOverflowError);
    await expect(importModel({ path: bigPath, name: "big", home, scale: 14 })).rejects.toThrowError(/at most 13/);
    expect(existsSync(join(home, "models", "big"))).toBe(false);
  });

  it("refuses to overwrite without force, to shadow a bundled model, and labels of the wrong count", async () => {
    const { home, path } = setup();
    await importModel({ path, name: "twice", home });
    await expect(importModel({ path, name: "twice", home })).rejects.toThrowError(ModelExistsError);
    await expect(importModel({ path, name: "twice", home, force: true })).resolves.toMatchObject({
      manifest: { name: "twice" },
    });
    await expect(importModel({ path, name: "risk-v1", home })).rejects.toThrowError(/already exists/);
    await expect(importModel({ path, name: "l", home, labels: ["a", "b", "c"] })).rejects.toThrowError(
      InvalidLabelsError,
    );
  });

  it("rejects an unsupported model before writing anything", async () => {
    const { home } = setup();
    const sigmoid = join(home, "sigmoid.onnx");
    writeFileSync(
      sigmoid,
      encodeModel({
        graphName: "g",
        nodes: [{ opType: "Sigmoid", input: ["x"], output: ["y"] }],
        initializers: [],
        inputs: [createValueInfo({ name: "x", dataType: "float32", dims: [1, 2] })],
        outputs: [createValueInfo({ name: "y", dataType: "float32", dims: [1, 2] })],
        opsetVersion: 13,
      }),
    );
    await expect(importModel({ path: sigmoid, name: "sig", home })).rejects.toThrowError(UnsupportedOperatorError);
    expect(existsSync(join(home, "models", "sig"))).toBe(false);
    await expect(importModel({ path: join(home, "missing.onnx"), name: "m", home })).rejects.toThrowError(/ENOENT/);
  });
});
