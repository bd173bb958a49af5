import { InvalidTensorError, UnsupportedDataTypeError } from "../errors/onnx.ts";
import { DATA_TYPE_NAMES, DataType, type OnnxTypes } from "./proto.ts";
import { toNumber } from "./toNumber.ts";

export type ReadTensorParameters = {
  tensor: OnnxTypes.ITensorProto;
  /** Names the tensor in errors, e.g. `Gemm "fc1" weight`. */
  what?: string;
};

export type ReadTensorReturnType =
  | { dataType: "float32"; dims: number[]; values: number[] }
  | { dataType: "int64"; dims: number[]; values: bigint[] };

/**
 * Reads a float32 or int64 ONNX tensor, from `rawData` (little-endian) or the typed fields.
 * `rawData` is copied first: decoded protobuf bytes are views at arbitrary offsets, and a typed
 * array over them would be misaligned.
 *
 * @example
 * readTensor({ tensor: model.graph.initializer[0] }).values // [0.25, -1.5, ...]
 */
export function readTensor({ tensor, what }: ReadTensorParameters): ReadTensorReturnType {
  const name = what ?? `tensor "${tensor.name ?? ""}"`;
  if (tensor.dataLocation === 1) {
    throw new InvalidTensorError({
      tensor: tensor.name ?? "",
      problem: "its data is stored in an external file; save the model with the weights inside",
    });
  }
  const dims = (tensor.dims ?? []).map(toNumber);
  const count = dims.reduce((a, b) => a * b, 1);
  const raw = tensor.rawData && tensor.rawData.length > 0 ? tensor.rawData.slice() : undefined;
  let result: ReadTensorReturnType;
  if (tensor.dataType === DataType.FLOAT) {
    let values: number[];
    if (raw) {
      const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      if (raw.byteLength !== count * 4) throw sizeError(tensor, raw.byteLength / 4, count);
      values = Array.from({ length: count }, (_, i) => view.getFloat32(i * 4, true));
    } else {
      values = [...(tensor.floatData ?? [])];
    }
    result = { dataType: "float32", dims, values };
  } else if (tensor.dataType === DataType.INT64) {
    let values: bigint[];
    if (raw) {
      const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
      if (raw.byteLength !== count * 8) throw sizeError(tensor, raw.byteLength / 8, count);
      values = Array.from({ length: count }, (_, i) => view.getBigInt64(i * 8, true));
    } else {
      values = (tensor.int64Data ?? []).map((v) => BigInt(typeof v === "number" ? v : v.toString()));
    }
    result = { dataType: "int64", dims, values };
  } else {
    throw new UnsupportedDataTypeError({
      what: name,
      expected: "float32",
      received: DATA_TYPE_NAMES[tensor.dataType ?? 0] ?? `type ${tensor.dataType}`,
    });
  }
  if (result.values.length !== count) throw sizeError(tensor, result.values.length, count);
  return result;
}

function sizeError(tensor: OnnxTypes.ITensorProto, received: number, expected: number) {
  return new InvalidTensorError({
    tensor: tensor.name ?? "",
    problem: `it holds ${received} values but its dims [${(tensor.dims ?? []).map(toNumber).join(", ")}] need ${expected}`,
  });
}
