import { describe, expect, it } from "vitest";
import { toNumber } from "./toNumber.ts";

describe("toNumber", () => {
  it("reads numbers, Long-like objects and missing fields", () => {
    expect(toNumber(8)).toBe(8);
    expect(toNumber({ toNumber: () => 16 })).toBe(16);
    expect(toNumber(null)).toBe(0);
    expect(toNumber(undefined)).toBe(0);
  });
});
