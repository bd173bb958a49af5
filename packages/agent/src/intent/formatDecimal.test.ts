import { describe, expect, it } from "vitest";
import { formatDecimal } from "./formatDecimal.ts";
import { parseDecimal } from "./parseDecimal.ts";

describe("formatDecimal", () => {
  it("writes canonical decimals: no separators, no trailing zeros", () => {
    const round = (text: string) => formatDecimal({ value: parseDecimal({ text })! });
    expect(round("1,000")).toBe("1000");
    expect(round("12.50")).toBe("12.5");
    expect(round(".5")).toBe("0.5");
    expect(round("007")).toBe("7");
    expect(round("0")).toBe("0");
    expect(round("0.000000000000000001")).toBe("0.000000000000000001");
  });
  it("keeps the sign of negative values", () => {
    expect(formatDecimal({ value: -(10n ** 18n) / 4n })).toBe("-0.25");
  });
});
