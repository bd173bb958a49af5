import { describe, expect, it } from "vitest";
import { FIELD_MODULUS } from "../fixedPoint/constants.ts";
import { fromField } from "./fromField.ts";
import { toField } from "./toField.ts";

describe("toField / fromField", () => {
  it("encode negatives as p - |x| and decode them back", () => {
    expect(toField(-1n)).toBe(FIELD_MODULUS - 1n);
    expect(toField(5n)).toBe(5n);
    expect(toField(FIELD_MODULUS + 3n)).toBe(3n);
    for (const value of [0n, 1n, -1n, 2147483647n, -2147483648n, -32768n])
      expect(fromField(toField(value))).toBe(value);
    expect(fromField(FIELD_MODULUS - 5n)).toBe(-5n);
  });
});
