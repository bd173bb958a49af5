/**
 * Floor division of a signed integer by a positive one (toward -infinity, unlike BigInt `/`).
 *
 * @example
 * floorDiv({ numerator: -7n, divisor: 4n }) // -2n
 */
export function floorDiv({ numerator, divisor }: { numerator: bigint; divisor: bigint }): bigint {
  const q = numerator / divisor;
  return numerator % divisor !== 0n && numerator < 0n !== divisor < 0n ? q - 1n : q;
}
