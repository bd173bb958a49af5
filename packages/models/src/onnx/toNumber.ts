/** A protobufjs int64 field: a number, or a Long when the `long` package is present. */
export type ProtoInt = number | { toNumber(): number } | null | undefined;

/**
 * Reads a protobufjs int64 field as a number (dims, attribute ints, opset versions are all small).
 *
 * @example
 * toNumber(decoded.graph.input[0].type.tensorType.shape.dim[1].dimValue) // 8
 */
export function toNumber(value: ProtoInt): number {
  if (value === null || value === undefined) return 0;
  return typeof value === "number" ? value : value.toNumber();
}
