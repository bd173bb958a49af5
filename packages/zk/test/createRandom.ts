export type Random = {
  /** A uniform integer in [min, max], both inclusive. */
  int(min: bigint, max: bigint): bigint;
  /** Picks one element. */
  pick<T>(items: readonly T[]): T;
};

/**
 * A seeded pseudo-random generator (xorshift64*) so that random-input tests are reproducible:
 * a failure prints its seed and replays exactly.
 *
 * @example
 * const random = createRandom(7n); random.int(-5n, 5n)
 */
export function createRandom(seed: bigint): Random {
  const mask = (1n << 64n) - 1n;
  let state = (seed ^ 0x9e3779b97f4a7c15n) & mask || 1n;
  const next = (): bigint => {
    state ^= state >> 12n;
    state ^= (state << 25n) & mask;
    state ^= state >> 27n;
    return (state * 0x2545f4914f6cdd1dn) & mask;
  };
  const int = (min: bigint, max: bigint): bigint => {
    const span = max - min + 1n;
    let r = 0n;
    for (let bits = 0n; bits < 128n; bits += 64n) r = (r << 64n) | next();
    return min + (r % span);
  };
  return { int, pick: (items) => items[Number(int(0n, BigInt(items.length - 1)))] as (typeof items)[number] };
}
