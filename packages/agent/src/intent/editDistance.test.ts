import { describe, expect, it } from "vitest";
import { editDistance } from "./editDistance.ts";

describe("editDistance", () => {
  it("counts a swap of neighbouring letters as one edit", () => {
    expect(editDistance({ a: "wteh", b: "weth" })).toBe(1);
    expect(editDistance({ a: "udsc", b: "usdc" })).toBe(1);
  });
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance({ a: "usdcc", b: "usdc" })).toBe(1);
    expect(editDistance({ a: "eth", b: "weth" })).toBe(1);
    expect(editDistance({ a: "seth", b: "weth" })).toBe(1);
    expect(editDistance({ a: "kitten", b: "sitting" })).toBe(3);
    expect(editDistance({ a: "", b: "abc" })).toBe(3);
    expect(editDistance({ a: "same", b: "same" })).toBe(0);
  });
});
