import { describe, expect, it } from "vitest";
import { floatForward } from "../quantize/floatForward.ts";
import { runOnnx } from "../runtime/runOnnx.ts";
import { buildFloatOnnx } from "./buildFloatOnnx.ts";
import { onnx } from "./proto.ts";

const model = {
  layers: [
    {
      weights: [
        [1, -2],
        [0.5, 0.25],
        [-1, 1],
      ],
      bias: [0.5, -1, 0],
      relu: true,
    },
    { weights: [[1, 1, -1]], bias: [0.25], relu: false },
  ],
};

describe("buildFloatOnnx", () => {
  it.each(["gemm-transB", "gemm", "matmul-add"] as const)(
    "writes a %s model that onnxruntime runs like the float forward pass",
    async (layout) => {
      const bytes = buildFloatOnnx({ model, layout });
      for (const input of [
        [1, 2],
        [-3, 0.5],
        [0, 0],
      ]) {
        const { output } = await runOnnx({ bytes, input });
        expect(output[0]).toBeCloseTo(floatForward({ model, input })[0]!, 5);
      }
      const ops = onnx.ModelProto.decode(bytes).graph!.node!.map((n) => n.opType);
      expect(ops).toEqual(
        layout === "matmul-add" ? ["MatMul", "Add", "Relu", "MatMul", "Add"] : ["Gemm", "Relu", "Gemm"],
      );
    },
  );

  it("names the input and output, sets the opset, and is deterministic", () => {
    const bytes = buildFloatOnnx({ model, inputName: "features", outputName: "logits", opsetVersion: 11, batch: 1 });
    const decoded = onnx.ModelProto.decode(bytes);
    expect(decoded.graph!.input![0]!.name).toBe("features");
    expect(decoded.graph!.output![0]!.name).toBe("logits");
    expect(Number(decoded.opsetImport![0]!.version)).toBe(11);
    expect(buildFloatOnnx({ model, inputName: "features", outputName: "logits", opsetVersion: 11, batch: 1 })).toEqual(
      bytes,
    );
    expect(buildFloatOnnx({ model, layout: "gemm" })).not.toEqual(buildFloatOnnx({ model }));
  });

  it("writes a leading Flatten, a symbolic feature dimension and other activations on request", async () => {
    const flat = buildFloatOnnx({ model, layout: "matmul-add", flattenInput: true });
    expect(onnx.ModelProto.decode(flat).graph!.node!.map((n) => n.opType)).toEqual([
      "Flatten",
      "MatMul",
      "Add",
      "Relu",
      "MatMul",
      "Add",
    ]);
    const { output } = await runOnnx({ bytes: flat, input: [1, 2] });
    expect(output[0]).toBeCloseTo(floatForward({ model, input: [1, 2] })[0]!, 5);

    const dynamic = onnx.ModelProto.decode(buildFloatOnnx({ model, features: "features" }));
    expect(
      dynamic.graph!.input![0]!.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue)),
    ).toEqual(["batch", "features"]);
    const sigmoid = onnx.ModelProto.decode(buildFloatOnnx({ model, activation: "Sigmoid" }));
    expect(sigmoid.graph!.node!.map((n) => [n.opType, n.name])).toEqual([
      ["Gemm", "fc0_gemm"],
      ["Sigmoid", "sigmoid0"],
      ["Gemm", "fc1_gemm"],
    ]);
  });
});
