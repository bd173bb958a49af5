import { describe, expect, it } from "vitest";
import { ACTIVATION_BITS } from "../fixedPoint/constants.ts";
import { layerQuotientBits } from "./layerQuotientBits.ts";

describe("layerQuotientBits", () => {
  it("covers the worst case of 16-bit values and caps at the 24-bit activation range", () => {
    // 8 * 2^15 * 2^15 + 2^15 * 2^8 = 2^33 + 2^23; / 2^8 -> 2^25 + 2^15 would need 27 signed bits: capped at 24.
    expect(layerQuotientBits({ widths: [8, 16, 3], scale: 8 })).toEqual([24, 24]);
    expect(layerQuotientBits({ widths: [16, 32, 4], scale: 8 })).toEqual([24, 24]);
    // A large scale shrinks the first layer below the cap: (4 * 2^30 + 2^29) / 2^14 = 2^18 + 2^15 needs 20 bits.
    expect(layerQuotientBits({ widths: [4, 8, 2], scale: 14 })).toEqual([20, 24]);
    // (2^30 + 2^29) / 2^14 = 2^16 + 2^15 needs 18.
    expect(layerQuotientBits({ widths: [1, 1], scale: 14 })).toEqual([18]);
  });

  it("gives uncapped widths that hold the extreme accumulators", () => {
    for (const [n, scale] of [
      [8, 8],
      [16, 8],
      [4, 14],
      [1, 1],
      [1, 14],
      [2, 12],
    ] as const) {
      const [q] = layerQuotientBits({ widths: [n, 1], scale });
      const unit = 1n << BigInt(scale);
      const accMin = BigInt(n) * -32768n * 32767n + -32768n * unit;
      const accMax = BigInt(n) * 32768n * 32768n + 32767n * unit;
      const lowest = accMin / unit - (accMin % unit !== 0n ? 1n : 0n);
      if (q === ACTIVATION_BITS) continue; // capped: forward rejects what does not fit (forward.test.ts)
      expect(lowest >= -(1n << BigInt(q! - 1))).toBe(true);
      expect(accMax / unit <= (1n << BigInt(q! - 1)) - 1n).toBe(true);
    }
  });
});
