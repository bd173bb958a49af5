// onnx-proto is CommonJS: its namespace is the default export under ESM.
import onnxProto from "onnx-proto";

export type { onnx as OnnxTypes } from "onnx-proto";

/** The protobufjs classes for ONNX (`onnx.ModelProto`, `onnx.TensorProto`, ...). */
export const onnx = onnxProto.onnx;

/** ONNX TensorProto data types this package writes or reads. */
export const DataType = onnx.TensorProto.DataType;

/** The name of an ONNX data type for error messages, e.g. 11 -> "float64 (DOUBLE)". */
export const DATA_TYPE_NAMES: Record<number, string> = {
  0: "undefined",
  1: "float32 (FLOAT)",
  2: "uint8",
  3: "int8",
  4: "uint16",
  5: "int16",
  6: "int32",
  7: "int64",
  8: "string",
  9: "bool",
  10: "float16",
  11: "float64 (DOUBLE)",
  12: "uint32",
  13: "uint64",
  14: "complex64",
  15: "complex128",
  16: "bfloat16",
};
