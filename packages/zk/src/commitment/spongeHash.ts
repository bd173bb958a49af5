import { ShapeMismatchError } from "../errors/fixedPoint.ts";
import { SPONGE_RATE } from "./constants.ts";
import { getPoseidon } from "./getPoseidon.ts";

export type SpongeHashParameters = {
  /** The number of values packed into `words`: the sponge's initial state. */
  count: number;
  words: readonly bigint[];
};
export type SpongeHashReturnType = bigint;

/**
 * The Poseidon sponge of the commitment scheme: state = count, then state = Poseidon([state, ...run])
 * for each run of up to 15 words. The circuit's `PoseidonSponge` computes the same.
 *
 * @example
 * await spongeHash({ count: 3, words: packValues({ values: [1n, 2n, 3n] }) })
 */
export async function spongeHash({ count, words }: SpongeHashParameters): Promise<SpongeHashReturnType> {
  if (words.length === 0) {
    throw new ShapeMismatchError({ what: "commitment input", expected: "at least one word", received: "none" });
  }
  const poseidon = await getPoseidon();
  let state = BigInt(count);
  for (let start = 0; start < words.length; start += SPONGE_RATE) {
    state = poseidon.F.toObject(poseidon([state, ...words.slice(start, start + SPONGE_RATE)]));
  }
  return state;
}
