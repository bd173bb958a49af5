import { describe, expect, it } from "vitest";
import { InvalidScaleError, ValueOutOfRangeError } from "../errors/fixedPoint.ts";
import { quantizeValue } from "./quantizeValue.ts";

describe("quantizeValue", () => {
  it("rounds v * 2^S with ties toward +infinity", () => {
    expect(quantizeValue({ value: -1.5, scale: 8 })).toBe(-384n);
    expect(quantizeValue({ value: 0.5 / 256, scale: 8 })).toBe(1n);
    expect(quantizeValue({ value: -0.5 / 256, scale: 8 })).toBe(0n);
    expect(quantizeValue({ value: 127.99609375, scale: 8 })).toBe(32767n);
    expect(quantizeValue({ value: -128, scale: 8 })).toBe(-32768n);
  });

  it("names the value and the range when it does not fit", () => {
    expect(() => quantizeValue({ value: 128, scale: 8, what: "input[2]" })).toThrowError(ValueOutOfRangeError);
    expect(() => quantizeValue({ value: 128, scale: 8, what: "input[2]" })).toThrowError(
      /input\[2\] is 32768, outside the fixed-point range \[-32768, 32767\]/,
    );
    expect(() => quantizeValue({ value: Number.NaN, scale: 8 })).toThrowError(ValueOutOfRangeError);
  });

  it("rejects a scale outside [1, 14]", () => {
    expect(() => quantizeValue({ value: 1, scale: 0 })).toThrowError(InvalidScaleError);
    expect(() => quantizeValue({ value: 1, scale: 15 })).toThrowError(InvalidScaleError);
    expect(() => quantizeValue({ value: 1, scale: 2.5 })).toThrowError(InvalidScaleError);
  });
});
