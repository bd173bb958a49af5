import { describe, expect, it } from "vitest";
import { ModelTooLargeError } from "../errors/quantize.ts";
import { chooseScale } from "./chooseScale.ts";

const mlp = (values: number[]) => ({ layers: [{ weights: [values], bias: [0], relu: false }] });

describe("chooseScale", () => {
  it("picks the largest scale up to 8 at which every parameter fits 16 bits", () => {
    expect(chooseScale({ model: mlp([0.5, -1]) })).toEqual({
      scale: 8,
      maxFittingScale: 14,
      largest: { what: "layer 0 weight [0][1]", value: -1 },
    });
    expect(chooseScale({ model: mlp([300, 1]) }).scale).toBe(6); // 300 * 2^6 = 19200; 2^7 overflows
    expect(chooseScale({ model: mlp([0.5]), maxScale: 14 }).scale).toBe(14);
  });

  it("treats +32767 and -32768 asymmetrically, as 16 bits do", () => {
    expect(chooseScale({ model: mlp([-2]), maxScale: 14 }).maxFittingScale).toBe(14); // -2 * 2^14 = -32768 fits
    expect(chooseScale({ model: mlp([2]), maxScale: 14 }).maxFittingScale).toBe(13); // +32768 does not
    expect(chooseScale({ model: mlp([1.9999, -2.0001]), maxScale: 14 }).maxFittingScale).toBe(13);
  });

  it("fails when even scale 1 overflows, naming the parameter", () => {
    expect(() => chooseScale({ model: mlp([1, 20000]) })).toThrowError(ModelTooLargeError);
    expect(() => chooseScale({ model: mlp([1, 20000]) })).toThrowError(/layer 0 weight \[0\]\[1\] = 20000/);
  });
});
