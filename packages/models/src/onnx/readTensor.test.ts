import { describe, expect, it } from "vitest";
import { InvalidTensorError, UnsupportedDataTypeError } from "../errors/onnx.ts";
import { createTensor } from "./createTensor.ts";
import { DataType, onnx } from "./proto.ts";
import { readTensor } from "./readTensor.ts";

describe("readTensor", () => {
  it("reads float32 and int64 rawData written by createTensor", () => {
    const f = readTensor({
      tensor: createTensor({ name: "f", dataType: "float32", dims: [2, 2], values: [1.5, -2, 0.1, 3] }),
    });
    expect(f).toEqual({ dataType: "float32", dims: [2, 2], values: [1.5, -2, Math.fround(0.1), 3] });
    const big = [-(2n ** 62n), 2n ** 40n + 3n, -1n];
    const i = readTensor({ tensor: createTensor({ name: "i", dataType: "int64", dims: [3], values: big }) });
    expect(i).toEqual({ dataType: "int64", dims: [3], values: big });
  });

  it("copies rawData that a decoded model holds at an unaligned offset", () => {
    // A 1-character name shifts the raw bytes to an odd offset inside the decoded buffer.
    const bytes = onnx.TensorProto.encode(
      createTensor({ name: "w", dataType: "int64", dims: [2], values: [7n, -9n] }),
    ).finish();
    const decoded = onnx.TensorProto.decode(bytes);
    expect(decoded.rawData.byteOffset % 8).not.toBe(0);
    expect(readTensor({ tensor: decoded }).values).toEqual([7n, -9n]);
  });

  it("reads the typed fields when there is no rawData", () => {
    expect(
      readTensor({ tensor: { name: "f", dataType: DataType.FLOAT, dims: [2], floatData: [0.5, 2] } }).values,
    ).toEqual([0.5, 2]);
    expect(
      readTensor({ tensor: { name: "i", dataType: DataType.INT64, dims: [2], int64Data: [5, -6] } }).values,
    ).toEqual([5n, -6n]);
  });

  it("rejects other data types, sizes that do not match the dims, and external data", () => {
    expect(() =>
      readTensor({ tensor: { name: "d", dataType: DataType.DOUBLE, dims: [1], doubleData: [1] }, what: "weight" }),
    ).toThrowError(UnsupportedDataTypeError);
    expect(() =>
      readTensor({ tensor: { name: "d", dataType: DataType.DOUBLE, dims: [1], doubleData: [1] } }),
    ).toThrowError(/expected float32, received float64/);
    expect(() =>
      readTensor({ tensor: { name: "s", dataType: DataType.FLOAT, dims: [3], floatData: [1, 2] } }),
    ).toThrowError(/holds 2 values but its dims \[3\] need 3/);
    expect(() =>
      readTensor({ tensor: { name: "e", dataType: DataType.FLOAT, dims: [1], dataLocation: 1 } }),
    ).toThrowError(InvalidTensorError);
    expect(() => createTensor({ name: "c", dataType: "float32", dims: [2, 2], values: [1] })).toThrowError(
      /1 values for dims \[2, 2\], expected 4/,
    );
  });
});
