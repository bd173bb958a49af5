export type Prng = {
  /** A uniform float in [0, 1). */
  next(): number;
  /** A uniform float in [min, max). */
  uniform(min: number, max: number): number;
  /** A standard normal sample (Box-Muller). */
  normal(): number;
  /** A uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
};

export type CreatePrngParameters = { seed: number };
export type CreatePrngReturnType = Prng;

/**
 * A small seeded generator (mulberry32: 32-bit integer steps via Math.imul) so that data, weight
 * initialization and test inputs replay exactly on every machine. Not for secrets.
 *
 * @example
 * const prng = createPrng({ seed: 7 }); prng.uniform(-1, 1)
 */
export function createPrng({ seed }: CreatePrngParameters): CreatePrngReturnType {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    normal: () => {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
  };
}
