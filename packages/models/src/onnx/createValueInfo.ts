import { DataType, type OnnxTypes } from "./proto.ts";

export type CreateValueInfoParameters = {
  name: string;
  dataType: "float32" | "int64";
  /** A number is a fixed dimension; a string is a symbolic one (e.g. "batch"). */
  dims: (number | string)[];
};

/**
 * A graph input or output declaration with its element type and shape.
 *
 * @example
 * createValueInfo({ name: "input", dataType: "float32", dims: ["batch", 8] })
 */
export function createValueInfo({ name, dataType, dims }: CreateValueInfoParameters): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: dataType === "float32" ? DataType.FLOAT : DataType.INT64,
        shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}
