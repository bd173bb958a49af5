import type { Random } from "./createRandom.ts";

/**
 * A random signed 16-bit input of `width` values: mostly in-distribution (|v| <= 4 real), with the
 * range extremes -32768 and 32767 and zero mixed in.
 *
 * @example
 * randomInput({ width: 8, scale: 8, random })
 */
export function randomInput({ width, scale, random }: { width: number; scale: number; random: Random }): bigint[] {
  const unit = 1n << BigInt(scale);
  return Array.from({ length: width }, () =>
    random.pick([-32768n, 32767n, 0n, random.int(-32768n, 32767n), random.int(-4n * unit, 4n * unit)]),
  );
}
