import { describe, expect, it } from "vitest";
import { FIELD_MODULUS } from "../fixedPoint/constants.ts";
import { randomSalt } from "./randomSalt.ts";

describe("randomSalt", () => {
  it("draws distinct field elements of at most 248 bits", () => {
    const salts = Array.from({ length: 64 }, () => randomSalt());
    expect(new Set(salts).size).toBe(64);
    expect(salts.every((salt) => salt >= 0n && salt < 1n << 248n && salt < FIELD_MODULUS)).toBe(true);
    expect(salts.some((salt) => salt >= 1n << 200n)).toBe(true);
  });
});
