import { describe, expect, it } from "vitest";
import { createPrng } from "./createPrng.ts";

describe("createPrng", () => {
  it("replays the same sequence for a seed and another for another seed", () => {
    const a = createPrng({ seed: 42 });
    const b = createPrng({ seed: 42 });
    const c = createPrng({ seed: 43 });
    const seq = (p: ReturnType<typeof createPrng>) => Array.from({ length: 5 }, () => p.next());
    const first = seq(a);
    expect(seq(b)).toEqual(first);
    expect(seq(c)).not.toEqual(first);
  });

  it("draws uniform floats in range, integers inclusive of both ends, and standard normals", () => {
    const prng = createPrng({ seed: 1 });
    const ints = new Set(Array.from({ length: 500 }, () => prng.int(-2, 2)));
    expect([...ints].sort()).toEqual([-1, -2, 0, 1, 2]);
    const u = Array.from({ length: 1000 }, () => prng.uniform(3, 5));
    expect(Math.min(...u)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...u)).toBeLessThan(5);
    const n = Array.from({ length: 4000 }, () => prng.normal());
    const mean = n.reduce((s, v) => s + v, 0) / n.length;
    const variance = n.reduce((s, v) => s + (v - mean) ** 2, 0) / n.length;
    expect(Math.abs(mean)).toBeLessThan(0.06);
    expect(Math.abs(variance - 1)).toBeLessThan(0.08);
  });
});
