import { describe, expect, it } from "vitest";
import { parseDecimal } from "./parseDecimal.ts";

const E18 = 10n ** 18n;

describe("parseDecimal", () => {
  it("reads integers, decimals, leading-dot decimals and thousands separators exactly", () => {
    expect(parseDecimal({ text: "1000" })).toBe(1000n * E18);
    expect(parseDecimal({ text: "1,000" })).toBe(1000n * E18);
    expect(parseDecimal({ text: "1,234,567.5" })).toBe(1234567n * E18 + E18 / 2n);
    expect(parseDecimal({ text: ".5" })).toBe(E18 / 2n);
    expect(parseDecimal({ text: "0.000000000000000001" })).toBe(1n);
  });
  it("rejects malformed separators, empty text and more than 18 decimals", () => {
    expect(parseDecimal({ text: "1,00" })).toBeUndefined();
    expect(parseDecimal({ text: "" })).toBeUndefined();
    expect(parseDecimal({ text: "." })).toBeUndefined();
    expect(parseDecimal({ text: "0.0000000000000000001" })).toBeUndefined();
    expect(parseDecimal({ text: "1e3" })).toBeUndefined();
  });
});
