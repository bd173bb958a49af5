import { describe, expect, it } from "vitest";
import { InvalidTensorError } from "../errors/onnx.ts";
import { createTensor } from "./createTensor.ts";
import { DataType } from "./proto.ts";

describe("createTensor", () => {
  it("stores values little-endian in rawData with the ONNX data type", () => {
    const t = createTensor({ name: "i", dataType: "int64", dims: [2], values: [1n, -2n] });
    expect(t.dataType).toBe(DataType.INT64);
    expect([...t.rawData!]).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 254, 255, 255, 255, 255, 255, 255, 255]);
    const f = createTensor({ name: "f", dataType: "float32", dims: [], values: [1] });
    expect(f.dataType).toBe(DataType.FLOAT);
    expect([...f.rawData!]).toEqual([0, 0, 128, 63]);
  });

  it("rejects a value count that does not match the dims", () => {
    expect(() => createTensor({ name: "x", dataType: "int64", dims: [3], values: [1n] })).toThrowError(
      InvalidTensorError,
    );
  });
});
