import { commitModel } from "@convergence/zk";
import { describe, expect, it } from "vitest";
import { buildFloatOnnx } from "../onnx/buildFloatOnnx.ts";
import { buildInt64Onnx } from "../onnx/buildInt64Onnx.ts";
import { prepareModel } from "./prepareModel.ts";
import { sha256 } from "./sha256.ts";

const float = {
  layers: [
    {
      weights: [
        [0.5, -0.25],
        [1, 1],
      ],
      bias: [0, 0.5],
      relu: true,
    },
    { weights: [[1, -1]], bias: [0.125], relu: false },
  ],
};
const floatOnnx = buildFloatOnnx({ model: float });

describe("prepareModel", () => {
  it("quantizes, commits, hashes both files and measures the loss into the manifest", async () => {
    const samples = [
      [0.5, 1],
      [-1, 2],
      [3, -3],
    ];
    const { manifest, quantized, int64Onnx, loss } = await prepareModel({
      name: "tiny",
      version: "2",
      float,
      floatOnnx,
      samples,
      sampleSource: "three inputs",
    });
    expect(manifest).toMatchObject({ name: "tiny", version: "2", shape: [2, 2, 1], scale: 8, labels: ["0"] });
    expect(manifest.commitments.model).toBe((await commitModel({ model: quantized })).toString());
    expect(manifest.files.floatOnnx).toEqual({ path: "model.onnx", sha256: sha256({ bytes: floatOnnx }) });
    expect(manifest.files.int64Onnx).toEqual({
      path: "model.int64.onnx",
      sha256: sha256({ bytes: buildInt64Onnx({ model: quantized }) }),
    });
    expect(int64Onnx).toEqual(buildInt64Onnx({ model: quantized }));
    expect(manifest.quantization).toEqual({
      scale: 8,
      argmaxAgreement: loss.argmaxAgreement,
      maxAbsError: loss.maxAbsError,
      samples: 3,
      sample: "three inputs",
    });
    expect(manifest.training).toBeUndefined();
  });

  it("rejects labels that do not match the outputs", async () => {
    await expect(
      prepareModel({
        name: "t",
        version: "1",
        float,
        floatOnnx,
        labels: ["a", "b"],
        samples: [[0, 0]],
        sampleSource: "x",
      }),
    ).rejects.toThrowError(/2 labels \(a, b\) for a model with 1 outputs/);
  });
});
