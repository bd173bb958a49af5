import { describe, expect, it } from "vitest";
import { ShapeMismatchError } from "../errors/fixedPoint.ts";
import { getPoseidon } from "./getPoseidon.ts";
import { spongeHash } from "./spongeHash.ts";

describe("spongeHash", () => {
  it("absorbs up to 15 words per Poseidon call, starting from the count", async () => {
    const poseidon = await getPoseidon();
    const h = (inputs: bigint[]) => poseidon.F.toObject(poseidon(inputs));
    const words = Array.from({ length: 31 }, (_, i) => BigInt(i + 1) * 1_000_003n);
    const expected = h([h([h([465n, ...words.slice(0, 15)]), ...words.slice(15, 30)]), ...words.slice(30)]);
    expect(await spongeHash({ count: 465, words })).toBe(expected);
    expect(await spongeHash({ count: 3, words: [7n] })).toBe(h([3n, 7n]));
  });

  it("separates counts and word orders", async () => {
    const a = await spongeHash({ count: 2, words: [1n, 2n] });
    expect(await spongeHash({ count: 3, words: [1n, 2n] })).not.toBe(a);
    expect(await spongeHash({ count: 2, words: [2n, 1n] })).not.toBe(a);
  });

  it("refuses an empty word list", async () => {
    await expect(spongeHash({ count: 0, words: [] })).rejects.toThrowError(ShapeMismatchError);
  });
});
