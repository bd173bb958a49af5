import { InvalidTensorError } from "../errors/onnx.ts";
import { DataType, type OnnxTypes } from "./proto.ts";

export type CreateTensorParameters =
  | { name: string; dataType: "float32"; dims: number[]; values: readonly number[] }
  | { name: string; dataType: "int64"; dims: number[]; values: readonly bigint[] };

/**
 * An ONNX initializer with its values stored little-endian in `rawData`, as PyTorch writes them.
 * Float values are rounded to float32.
 *
 * @example
 * createTensor({ name: "W", dataType: "int64", dims: [2, 3], values: [1n, 2n, 3n, 4n, 5n, 6n] })
 */
export function createTensor(parameters: CreateTensorParameters): OnnxTypes.ITensorProto {
  const { name, dims, values } = parameters;
  const count = dims.reduce((a, b) => a * b, 1);
  if (values.length !== count) {
    throw new InvalidTensorError({
      tensor: name,
      problem: `${values.length} values for dims [${dims.join(", ")}], expected ${count}`,
    });
  }
  const width = parameters.dataType === "float32" ? 4 : 8;
  const raw = new Uint8Array(count * width);
  const view = new DataView(raw.buffer);
  if (parameters.dataType === "float32") {
    parameters.values.forEach((v, i) => {
      view.setFloat32(i * 4, v, true);
    });
  } else {
    parameters.values.forEach((v, i) => {
      view.setBigInt64(i * 8, v, true);
    });
  }
  return {
    name,
    dims,
    dataType: parameters.dataType === "float32" ? DataType.FLOAT : DataType.INT64,
    rawData: raw,
  };
}
