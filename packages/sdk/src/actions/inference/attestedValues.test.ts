import { describe, expect, it } from "vitest";
import { attestedValues } from "./attestedValues.ts";

describe("attestedValues", () => {
  it("turns fixed-point outputs into values, each at its own scale", () => {
    expect(attestedValues({ outputs: [-64n, 512n, 3n], scales: [8, 8, 0] })).toEqual([-0.25, 2, 3]);
  });

  it("refuses an output without a scale rather than guessing one", () => {
    expect(() => attestedValues({ outputs: [1n, 2n], scales: [8] })).toThrow(/no scale for output 1/);
  });
});
