import { describe, expect, it } from "vitest";
import { createValueInfo } from "./createValueInfo.ts";
import { DataType } from "./proto.ts";

describe("createValueInfo", () => {
  it("declares the element type and fixed or symbolic dimensions", () => {
    expect(createValueInfo({ name: "x", dataType: "int64", dims: ["batch", 8] })).toEqual({
      name: "x",
      type: { tensorType: { elemType: DataType.INT64, shape: { dim: [{ dimParam: "batch" }, { dimValue: 8 }] } } },
    });
    expect(createValueInfo({ name: "y", dataType: "float32", dims: [1] }).type?.tensorType?.elemType).toBe(
      DataType.FLOAT,
    );
  });
});
