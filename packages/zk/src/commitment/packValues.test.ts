import { describe, expect, it } from "vitest";
import { ValueOutOfRangeError } from "../errors/fixedPoint.ts";
import { packValues } from "./packValues.ts";

describe("packValues", () => {
  it("offsets by 2^15 and packs fifteen 16-bit values per word, little-endian", () => {
    expect(packValues({ values: [-32768n, 0n, 1n] })).toEqual([0n + (32768n << 16n) + (32769n << 32n)]);
    const values = Array.from({ length: 31 }, (_, i) => BigInt(i) - 15n);
    const words = packValues({ values });
    expect(words).toHaveLength(3);
    const unpacked = words.flatMap((word, w) =>
      Array.from({ length: w < 2 ? 15 : 1 }, (_, i) => ((word >> BigInt(16 * i)) & 0xffffn) - 32768n),
    );
    expect(unpacked).toEqual(values);
    expect(words.every((word) => word < 1n << 240n)).toBe(true);
  });

  it("packs the extremes to all-zero and all-one slots", () => {
    expect(packValues({ values: Array(15).fill(32767n) })).toEqual([(1n << 240n) - 1n]);
    expect(packValues({ values: Array(15).fill(-32768n) })).toEqual([0n]);
  });

  it("refuses a value outside signed 16 bits, naming it", () => {
    expect(() => packValues({ values: [0n, 32768n], what: "input" })).toThrowError(ValueOutOfRangeError);
    expect(() => packValues({ values: [0n, 32768n], what: "input" })).toThrowError(/input\[1\] is 32768/);
    expect(() => packValues({ values: [-32769n] })).toThrowError(/value\[0\] is -32769/);
  });
});
