import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import { createTensor } from "./createTensor.ts";
import { createValueInfo } from "./createValueInfo.ts";
import { encodeModel } from "./encodeModel.ts";
import { onnx } from "./proto.ts";

const parameters = {
  graphName: "add_one",
  nodes: [{ opType: "Add", input: ["x", "one"], output: ["y"] }],
  initializers: [createTensor({ name: "one", dataType: "int64", dims: [], values: [1n] })],
  inputs: [createValueInfo({ name: "x", dataType: "int64", dims: [2] })],
  outputs: [createValueInfo({ name: "y", dataType: "int64", dims: [2] })],
  opsetVersion: 13,
};

describe("encodeModel", () => {
  it("writes a model onnxruntime runs, with the opset and producer set", async () => {
    const bytes = encodeModel(parameters);
    const session = await ort.InferenceSession.create(bytes);
    const { y } = await session.run({ x: new ort.Tensor("int64", BigInt64Array.from([5n, -7n]), [2]) });
    expect(Array.from(y!.data as BigInt64Array)).toEqual([6n, -6n]);
    const decoded = onnx.ModelProto.decode(bytes);
    expect(decoded.producerName).toBe("@convergence/models");
    expect(Number(decoded.opsetImport[0]!.version)).toBe(13);
    await session.release();
  });

  it("is deterministic and returns a plain Uint8Array", () => {
    const bytes = encodeModel(parameters);
    expect(bytes.constructor).toBe(Uint8Array);
    expect(encodeModel(parameters)).toEqual(bytes);
  });
});
