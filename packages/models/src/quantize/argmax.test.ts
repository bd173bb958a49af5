import { describe, expect, it } from "vitest";
import { argmax } from "./argmax.ts";

describe("argmax", () => {
  it("returns the index of the largest value, the first on ties, for numbers and bigints", () => {
    expect(argmax({ values: [0.1, 2, -3] })).toBe(1);
    expect(argmax({ values: [-5n, -1n, -9n] })).toBe(1);
    expect(argmax({ values: [4, 4, 1] })).toBe(0);
    expect(argmax({ values: [1n, 2n, 7n] })).toBe(2);
  });
});
