import { describe, expect, it } from "vitest";
import { layerQuotientBits } from "./layerQuotientBits.ts";

describe("layerQuotientBits", () => {
  it("covers the worst case of 16-bit values and caps at 32 bits", () => {
    // 8 * 2^15 * 2^15 + 2^15 * 2^8 = 2^33 + 2^23; / 2^8 -> 2^25 + 2^15 needs 27 signed bits.
    expect(layerQuotientBits({ widths: [8, 16, 3], scale: 8 })).toEqual([27, 32]);
    expect(layerQuotientBits({ widths: [16, 32, 4], scale: 8 })).toEqual([28, 32]);
    // A large scale shrinks every rescaled value: even the second layer stays below the 32-bit cap.
    expect(layerQuotientBits({ widths: [4, 8, 2], scale: 14 })).toEqual([20, 24]);
    // A small scale leaves the first layer at the 32-bit cap.
    expect(layerQuotientBits({ widths: [8, 2], scale: 1 })).toEqual([32]);
  });

  it("gives widths that hold the extreme accumulators", () => {
    for (const [n, scale] of [
      [8, 8],
      [16, 8],
      [4, 14],
      [1, 1],
    ] as const) {
      const [q] = layerQuotientBits({ widths: [n, 1], scale });
      const unit = 1n << BigInt(scale);
      const accMin = BigInt(n) * -32768n * 32767n + -32768n * unit;
      const accMax = BigInt(n) * 32768n * 32768n + 32767n * unit;
      const lowest = accMin / unit - (accMin % unit !== 0n ? 1n : 0n);
      expect(lowest >= -(1n << BigInt(q! - 1))).toBe(true);
      expect(accMax / unit <= (1n << BigInt(q! - 1)) - 1n).toBe(true);
    }
  });
});
