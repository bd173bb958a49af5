import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FloatMlp } from "@convergence/zk";
import { describe, expect, it } from "vitest";
import {
  OnnxDecodeError,
  UnsupportedDataTypeError,
  UnsupportedGraphError,
  UnsupportedOperatorError,
  UnsupportedOpsetError,
  UnsupportedShapeError,
} from "../errors/onnx.ts";
import { floatForward } from "../quantize/floatForward.ts";
import { createPrng } from "../random/createPrng.ts";
import { runOnnx } from "../runtime/runOnnx.ts";
import { buildFloatOnnx } from "./buildFloatOnnx.ts";
import { createTensor } from "./createTensor.ts";
import { createValueInfo } from "./createValueInfo.ts";
import { encodeModel } from "./encodeModel.ts";
import { importOnnxMlp } from "./importOnnxMlp.ts";
import { DataType, type OnnxTypes } from "./proto.ts";

/** A float MLP with weights of float32 precision, so that the ONNX round trip is exact. */
function randomFloatMlp(widths: number[], seed: number): FloatMlp {
  const prng = createPrng({ seed });
  return {
    layers: widths.slice(1).map((m, k) => ({
      weights: Array.from({ length: m }, () =>
        Array.from({ length: widths[k]! }, () => Math.fround(prng.uniform(-1, 1))),
      ),
      bias: Array.from({ length: m }, () => Math.fround(prng.uniform(-0.5, 0.5))),
      relu: k < widths.length - 2,
    })),
  };
}

const W = [
  [0.5, -1],
  [2, 0.25],
  [-0.75, 1.5],
]; // 2 inputs -> 3 outputs, [out][in]
const WT = [0.5, 2, -0.75, -1, 0.25, 1.5]; // [in][out] row-major
const B = [0.125, -0.5, 1];

type GraphParts = {
  nodes: OnnxTypes.INodeProto[];
  initializers?: OnnxTypes.ITensorProto[];
  input?: OnnxTypes.IValueInfoProto;
  output?: OnnxTypes.IValueInfoProto;
  inputs?: OnnxTypes.IValueInfoProto[];
  opsetVersion?: number;
};

/** Encodes a hand-written graph: input "x" float32 [batch, 2], output "y" [batch, 3] unless overridden. */
function graph(parts: GraphParts): Uint8Array {
  return encodeModel({
    graphName: "test",
    nodes: parts.nodes,
    initializers: parts.initializers ?? [
      createTensor({ name: "W", dataType: "float32", dims: [3, 2], values: W.flat() }),
      createTensor({ name: "B", dataType: "float32", dims: [3], values: B }),
    ],
    inputs: parts.inputs ?? [parts.input ?? createValueInfo({ name: "x", dataType: "float32", dims: ["N", 2] })],
    outputs: [parts.output ?? createValueInfo({ name: "y", dataType: "float32", dims: ["N", 3] })],
    opsetVersion: parts.opsetVersion ?? 13,
  });
}

const gemm = (attrs: OnnxTypes.IAttributeProto[] = [{ name: "transB", type: 2, i: 1 }], inputs = ["x", "W", "B"]) => ({
  name: "fc",
  opType: "Gemm",
  input: inputs,
  output: ["y"],
  attribute: attrs,
});

describe("importOnnxMlp", () => {
  it.each([
    { layout: "gemm-transB", widths: [4, 8, 2] },
    { layout: "gemm", widths: [16, 32, 4] },
    { layout: "matmul-add", widths: [8, 16, 16, 3] },
    { layout: "gemm-transB", widths: [3, 1] },
    { layout: "matmul-add", widths: [5, 7, 6, 4, 2] },
  ] as const)(
    "reads $layout $widths back exactly, and onnxruntime agrees with the float forward pass",
    async ({ layout, widths }) => {
      const model = randomFloatMlp([...widths], widths.length);
      const bytes = buildFloatOnnx({ model, layout });
      const imported = importOnnxMlp({ bytes });
      expect(imported.model).toEqual(model);
      expect(imported.inputShape).toEqual(["batch", widths[0]]);
      const prng = createPrng({ seed: 9 });
      for (let n = 0; n < 5; n++) {
        const input = Array.from({ length: widths[0] }, () => prng.uniform(-4, 4));
        const { output } = await runOnnx({ bytes, input });
        const expected = floatForward({ model, input });
        for (const [j, v] of output.entries()) expect(v).toBeCloseTo(expected[j]!, 4);
      }
    },
  );

  it("accepts a leading Flatten, batch 1, opsets 9 to 17, Identity and inference Dropout", () => {
    const model = randomFloatMlp([6, 5, 2], 3);
    for (const opsetVersion of [9, 11, 13, 17]) {
      const bytes = buildFloatOnnx({ model, flattenInput: true, batch: 1, opsetVersion });
      const imported = importOnnxMlp({ bytes });
      expect(imported.model).toEqual(model);
      expect(imported.opsetVersion).toBe(opsetVersion);
      expect(imported.inputShape).toEqual([1, 6]);
    }
    const bytes = graph({
      nodes: [
        { opType: "Identity", input: ["x"], output: ["x1"] },
        { opType: "Dropout", input: ["x1"], output: ["x2"] },
        gemm(undefined, ["x2", "W", "B"]),
      ],
    });
    expect(importOnnxMlp({ bytes }).model.layers[0]).toEqual({ weights: W, bias: B, relu: false });
  });

  it("accepts a no-op Flatten of a [batch, 1, 2] input and no-op Reshapes to [batch, features]", () => {
    const input = createValueInfo({ name: "x", dataType: "float32", dims: ["N", 1, 2] });
    const flatten = graph({
      input,
      nodes: [
        { opType: "Flatten", input: ["x"], output: ["f"], attribute: [{ name: "axis", type: 2, i: 1 }] },
        gemm(undefined, ["f", "W", "B"]),
      ],
    });
    expect(importOnnxMlp({ bytes: flatten }).inputShape).toEqual(["N", 1, 2]);
    for (const shape of [
      [-1n, 2n],
      [1n, -1n],
      [0n, 2n],
      [1n, 2n],
    ]) {
      const bytes = graph({
        input,
        initializers: [
          createTensor({ name: "W", dataType: "float32", dims: [3, 2], values: W.flat() }),
          createTensor({ name: "B", dataType: "float32", dims: [3], values: B }),
          createTensor({ name: "shape", dataType: "int64", dims: [2], values: shape }),
        ],
        nodes: [{ opType: "Reshape", input: ["x", "shape"], output: ["r"] }, gemm(undefined, ["r", "W", "B"])],
      });
      expect(importOnnxMlp({ bytes }).model.layers[0]!.weights).toEqual(W);
    }
  });

  it("accepts MatMul without Add, Gemm without C, a [1, m] bias, Constant nodes, a transposed constant weight and initializers listed as inputs", () => {
    const matmulOnly = graph({
      initializers: [createTensor({ name: "W", dataType: "float32", dims: [2, 3], values: WT })],
      nodes: [{ opType: "MatMul", input: ["x", "W"], output: ["y"] }],
    });
    expect(importOnnxMlp({ bytes: matmulOnly }).model.layers).toEqual([{ weights: W, bias: [0, 0, 0], relu: false }]);
    const gemmNoC = graph({ nodes: [gemm(undefined, ["x", "W"])] });
    expect(importOnnxMlp({ bytes: gemmNoC }).model.layers[0]!.bias).toEqual([0, 0, 0]);
    const rowBias = graph({
      initializers: [
        createTensor({ name: "W", dataType: "float32", dims: [2, 3], values: WT }),
        createTensor({ name: "B", dataType: "float32", dims: [1, 3], values: B }),
      ],
      nodes: [
        { opType: "MatMul", input: ["x", "W"], output: ["m"] },
        { opType: "Add", input: ["B", "m"], output: ["y"] }, // bias first: Add commutes
      ],
    });
    expect(importOnnxMlp({ bytes: rowBias }).model.layers[0]).toEqual({ weights: W, bias: B, relu: false });
    const constants = graph({
      initializers: [],
      nodes: [
        {
          opType: "Constant",
          input: [],
          output: ["W"],
          attribute: [
            {
              name: "value",
              type: 4,
              t: createTensor({ name: "W", dataType: "float32", dims: [3, 2], values: W.flat() }),
            },
          ],
        },
        {
          opType: "Constant",
          input: [],
          output: ["B"],
          attribute: [
            { name: "value", type: 4, t: createTensor({ name: "B", dataType: "float32", dims: [3], values: B }) },
          ],
        },
        gemm(),
      ],
    });
    expect(importOnnxMlp({ bytes: constants }).model.layers[0]!.weights).toEqual(W);
    const transposedWeight = graph({
      nodes: [
        { opType: "Transpose", input: ["W"], output: ["Wt"], attribute: [{ name: "perm", type: 7, ints: [1, 0] }] },
        { opType: "MatMul", input: ["x", "Wt"], output: ["m"] },
        { opType: "Add", input: ["m", "B"], output: ["y"] },
      ],
    });
    expect(importOnnxMlp({ bytes: transposedWeight }).model.layers[0]).toEqual({ weights: W, bias: B, relu: false });
    const legacyInputs = graph({
      inputs: [
        createValueInfo({ name: "x", dataType: "float32", dims: [1, 2] }),
        createValueInfo({ name: "W", dataType: "float32", dims: [3, 2] }),
        createValueInfo({ name: "B", dataType: "float32", dims: [3] }),
      ],
      nodes: [gemm()],
    });
    expect(importOnnxMlp({ bytes: legacyInputs }).inputName).toBe("x");
  });

  it("reads typed floatData as well as rawData, and from a path", () => {
    const bytes = graph({
      initializers: [
        { name: "W", dataType: DataType.FLOAT, dims: [3, 2], floatData: W.flat() },
        { name: "B", dataType: DataType.FLOAT, dims: [3], floatData: B },
      ],
      nodes: [gemm()],
    });
    const path = join(mkdtempSync(join(tmpdir(), "models-import-")), "m.onnx");
    writeFileSync(path, bytes);
    expect(importOnnxMlp({ path }).model.layers[0]).toEqual({ weights: W, bias: B, relu: false });
  });

  describe("rejects, naming the problem and listing what is supported", () => {
    const expectError = (bytes: Uint8Array, type: new (...args: never[]) => Error, message: RegExp) => {
      let caught: unknown;
      try {
        importOnnxMlp({ bytes });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(type);
      expect((caught as Error).message).toMatch(message);
      return caught as Error;
    };

    it("an unsupported operator such as Sigmoid, Softmax or Conv", () => {
      const sigmoid = graph({
        nodes: [gemm(undefined, ["x", "W", "B"]), { name: "act", opType: "Sigmoid", input: ["y0"], output: ["y"] }].map(
          (n, i) => (i === 0 ? { ...n, output: ["y0"] } : n),
        ),
      });
      const error = expectError(sigmoid, UnsupportedOperatorError, /Unsupported ONNX operator Sigmoid \(node "act"\)/);
      expect(error.message).toMatch(/Supported: .*float32 MLP/);
      expect(error.message).toMatch(/Gemm .*MatMul/s);
      const softmax = graph({
        nodes: [
          { ...gemm(), output: ["z"] },
          { opType: "Softmax", input: ["z"], output: ["y"] },
        ],
      });
      expectError(softmax, UnsupportedOperatorError, /operator Softmax/);
      const conv = graph({
        initializers: [createTensor({ name: "K", dataType: "float32", dims: [1, 1, 1], values: [1] })],
        nodes: [{ name: "conv1", opType: "Conv", input: ["x", "K"], output: ["y"] }],
      });
      expectError(conv, UnsupportedOperatorError, /operator Conv \(node "conv1"\)/);
    });

    it("a dynamic non-batch dimension, a fixed batch other than 1, a rank-1 input", () => {
      const dynamic = graph({
        input: createValueInfo({ name: "x", dataType: "float32", dims: ["N", "features"] }),
        nodes: [gemm()],
      });
      expectError(dynamic, UnsupportedShapeError, /dimension 1: expected a fixed size .*received symbolic "features"/);
      const batch4 = graph({
        input: createValueInfo({ name: "x", dataType: "float32", dims: [4, 2] }),
        nodes: [gemm()],
      });
      expectError(batch4, UnsupportedShapeError, /batch dimension: expected 1 or symbolic, received 4/);
      const rank1 = graph({ input: createValueInfo({ name: "x", dataType: "float32", dims: [2] }), nodes: [gemm()] });
      expectError(rank1, UnsupportedShapeError, /rank 2 or more/);
    });

    it("float64 inputs and float64 weights", () => {
      const input: OnnxTypes.IValueInfoProto = {
        name: "x",
        type: { tensorType: { elemType: DataType.DOUBLE, shape: { dim: [{ dimParam: "N" }, { dimValue: 2 }] } } },
      };
      expectError(
        graph({ input, nodes: [gemm()] }),
        UnsupportedDataTypeError,
        /graph input "x": expected float32, received float64/,
      );
      const doubleWeights = graph({
        initializers: [
          { name: "W", dataType: DataType.DOUBLE, dims: [3, 2], doubleData: W.flat() },
          createTensor({ name: "B", dataType: "float32", dims: [3], values: B }),
        ],
        nodes: [gemm()],
      });
      expectError(doubleWeights, UnsupportedDataTypeError, /weight \(B\): expected float32, received float64/);
    });

    it("Gemm with alpha, beta or transA other than the identity, or a weight that is not a constant", () => {
      expectError(
        graph({
          nodes: [
            gemm([
              { name: "transB", type: 2, i: 1 },
              { name: "alpha", type: 1, f: 2 },
            ]),
          ],
        }),
        UnsupportedOperatorError,
        /alpha=2.*expected transA=0, alpha=1, beta=1/,
      );
      expectError(graph({ nodes: [gemm([{ name: "transA", type: 2, i: 1 }])] }), UnsupportedOperatorError, /transA=1/);
      const twoInputs = graph({
        inputs: [
          createValueInfo({ name: "x", dataType: "float32", dims: ["N", 2] }),
          createValueInfo({ name: "w", dataType: "float32", dims: [3, 2] }),
        ],
        initializers: [],
        nodes: [gemm(undefined, ["x", "w"])],
      });
      expectError(twoInputs, UnsupportedGraphError, /exactly one graph input .*found 2 \(x, w\)/);
    });

    it("weights of the wrong width, a Reshape that changes the data layout, a Flatten that merges the batch", () => {
      const wide = graph({
        input: createValueInfo({ name: "x", dataType: "float32", dims: ["N", 5] }),
        nodes: [gemm()],
      });
      expectError(wide, UnsupportedShapeError, /expected 5 inputs, received \[3, 2\] with transB=1/);
      const reshape = graph({
        initializers: [
          createTensor({ name: "W", dataType: "float32", dims: [3, 2], values: W.flat() }),
          createTensor({ name: "B", dataType: "float32", dims: [3], values: B }),
          createTensor({ name: "shape", dataType: "int64", dims: [2], values: [2n, 1n] }),
        ],
        nodes: [{ opType: "Reshape", input: ["x", "shape"], output: ["r"] }, gemm(undefined, ["r", "W", "B"])],
      });
      expectError(reshape, UnsupportedShapeError, /no-op reshape to \[batch, 2\].*received \[2, 1\]/);
      const flatten0 = graph({
        nodes: [
          { opType: "Flatten", input: ["x"], output: ["f"], attribute: [{ name: "axis", type: 2, i: 0 }] },
          gemm(undefined, ["f", "W", "B"]),
        ],
      });
      expectError(flatten0, UnsupportedOperatorError, /Flatten .*axis=0/);
    });

    it("branches, a Relu or Add out of place, and a graph that never reaches its output", () => {
      const branch = graph({
        nodes: [
          { ...gemm(), output: ["h"] },
          { opType: "Relu", input: ["h"], output: ["y"] },
          { opType: "Relu", input: ["h"], output: ["other"] },
        ],
      });
      expectError(branch, UnsupportedGraphError, /"h" feeds 2 nodes/);
      const reluFirst = graph({
        nodes: [{ opType: "Relu", input: ["x"], output: ["r"] }, gemm(undefined, ["r", "W", "B"])],
      });
      expectError(reluFirst, UnsupportedOperatorError, /Relu is supported only right after a dense layer/);
      const addFirst = graph({ nodes: [{ opType: "Add", input: ["x", "x"], output: ["y"] }] });
      expectError(addFirst, UnsupportedOperatorError, /Add is supported only as the bias of a MatMul/);
      const deadEnd = graph({ nodes: [{ ...gemm(), output: ["z"] }] });
      expectError(deadEnd, UnsupportedGraphError, /ends at "z" without reaching the output "y"/);
      const noLayers = graph({ nodes: [{ opType: "Identity", input: ["x"], output: ["y"] }] });
      expectError(noLayers, UnsupportedGraphError, /no dense layer/);
    });

    it("an opset before 9, a custom domain, and bytes that are not ONNX", () => {
      expectError(graph({ nodes: [gemm()], opsetVersion: 8 }), UnsupportedOpsetError, /opset 8: expected 9 or later/);
      expectError(
        graph({ nodes: [{ ...gemm(), domain: "com.microsoft", opType: "FusedGemm" }] }),
        UnsupportedOperatorError,
        /com\.microsoft\.FusedGemm/,
      );
      expectError(new Uint8Array([0xff, 0xff, 0xff, 0x07, 1, 2, 3]), OnnxDecodeError, /Could not decode/);
    });
  });
});
