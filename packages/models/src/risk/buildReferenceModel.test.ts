import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { modelDirectories } from "../manifest/modelDirectories.ts";
import { importOnnxMlp } from "../onnx/importOnnxMlp.ts";
import { buildReferenceModel } from "./buildReferenceModel.ts";

const committed = join(modelDirectories().bundled, "risk-v1");

describe("buildReferenceModel", async () => {
  const built = await buildReferenceModel();

  it("rebuilds risk-v1 byte for byte: the committed model.onnx and manifest.json", () => {
    expect(Buffer.from(built.floatOnnx).equals(readFileSync(join(committed, "model.onnx")))).toBe(true);
    expect(`${JSON.stringify(built.manifest, null, 2)}\n`).toBe(readFileSync(join(committed, "manifest.json"), "utf8"));
  });

  it("reaches more than 85% held-out accuracy, and quantization costs under one point", () => {
    expect(built.accuracy.heldOut).toBeGreaterThan(0.85);
    expect(built.accuracy.train).toBeGreaterThan(0.85);
    expect(Math.abs(built.accuracy.quantizedHeldOut - built.accuracy.heldOut)).toBeLessThan(0.01);
    expect(built.manifest.quantization.argmaxAgreement).toBeGreaterThan(0.98);
    expect(built.manifest.training).toMatchObject({
      trainSize: 6000,
      heldOutSize: 2000,
      heldOutAccuracy: built.accuracy.heldOut,
    });
  });

  it("writes an 8-16-3 ONNX file whose weights are exactly the trained float32 ones", () => {
    const imported = importOnnxMlp({ bytes: built.floatOnnx });
    expect(imported.model).toEqual(built.float);
    expect(imported).toMatchObject({ inputName: "features", outputName: "logits", inputShape: ["batch", 8] });
    expect(built.manifest).toMatchObject({
      name: "risk-v1",
      shape: [8, 16, 3],
      scale: 8,
      labels: ["low", "medium", "high"],
    });
    expect(built.manifest.features?.map((f) => f.name)).toEqual([
      "depth",
      "tradeImpact",
      "volatility",
      "turnover",
      "priceChange1h",
      "priceChange24h",
      "activity",
      "lpConcentration",
    ]);
  });
});
