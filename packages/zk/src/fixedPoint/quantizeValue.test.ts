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

  it.each([
    ["NaN", Number.NaN, /input\[0\] is NaN, outside/],
    ["Infinity", Number.POSITIVE_INFINITY, /input\[0\] is Infinity, outside/],
    ["-Infinity", Number.NEGATIVE_INFINITY, /input\[0\] is -Infinity, outside/],
    // Finite, but times 2^14 it overflows to Infinity: a typed error, not BigInt's RangeError.
    ["1e308", 1e308, /input\[0\] is 1e\+308, outside the fixed-point range \[-32768, 32767\]/],
    ["-1e308", -1e308, /input\[0\] is -1e\+308, outside/],
    ["Number.MAX_VALUE", Number.MAX_VALUE, /input\[0\] is 1\.7976931348623157e\+308, outside/],
    ["1e300 (finite once scaled, far beyond 2^53)", 1e300, /input\[0\] is 1e\+300, outside/],
    ["2 (just out at 2^14)", 2, /input\[0\] is 32768, outside/],
  ])("refuses %s with a ValueOutOfRangeError naming the value", (_name, value, message) => {
    expect(() => quantizeValue({ value, scale: 14, what: "input[0]" })).toThrowError(ValueOutOfRangeError);
    expect(() => quantizeValue({ value, scale: 14, what: "input[0]" })).toThrowError(message);
  });

  it("keeps the edges of the range at every scale", () => {
    for (let scale = 1; scale <= 14; scale++) {
      expect(quantizeValue({ value: 32767 / 2 ** scale, scale })).toBe(32767n);
      expect(quantizeValue({ value: -32768 / 2 ** scale, scale })).toBe(-32768n);
      expect(() => quantizeValue({ value: 32767.5 / 2 ** scale, scale })).toThrowError(ValueOutOfRangeError);
      expect(() => quantizeValue({ value: -32768.51 / 2 ** scale, scale })).toThrowError(ValueOutOfRangeError);
    }
  });

  it("rejects a scale outside [1, 14]", () => {
    expect(() => quantizeValue({ value: 1, scale: 0 })).toThrowError(InvalidScaleError);
    expect(() => quantizeValue({ value: 1, scale: 15 })).toThrowError(InvalidScaleError);
    expect(() => quantizeValue({ value: 1, scale: 2.5 })).toThrowError(InvalidScaleError);
  });
});
