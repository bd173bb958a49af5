import { describe, expect, it } from "vitest";
import { floorDiv } from "./floorDiv.ts";

describe("floorDiv", () => {
  it("rounds toward -infinity, unlike BigInt division", () => {
    expect(floorDiv({ numerator: 7n, divisor: 4n })).toBe(1n);
    expect(floorDiv({ numerator: -7n, divisor: 4n })).toBe(-2n);
    expect(-7n / 4n).toBe(-1n);
    expect(floorDiv({ numerator: -8n, divisor: 4n })).toBe(-2n);
    expect(floorDiv({ numerator: 0n, divisor: 256n })).toBe(0n);
    expect(floorDiv({ numerator: -1n, divisor: 256n })).toBe(-1n);
  });

  it("leaves a remainder in [0, divisor) for every sign", () => {
    for (let n = -600n; n <= 600n; n += 7n) {
      const q = floorDiv({ numerator: n, divisor: 256n });
      const r = n - q * 256n;
      expect(r >= 0n && r < 256n).toBe(true);
    }
  });
});
