import { InvalidSaltError } from "../errors/commitment.ts";
import { ShapeMismatchError } from "../errors/fixedPoint.ts";
import { FIELD_MODULUS } from "../fixedPoint/constants.ts";
import { packValues } from "./packValues.ts";
import { spongeHash } from "./spongeHash.ts";

export type CommitInputParameters = {
  /** The quantized input, signed 16-bit values. */
  input: readonly bigint[];
  /** A field element that hides the input; see `randomSalt`. */
  salt: bigint;
};
export type CommitInputReturnType = bigint;

/**
 * The input commitment: the packed Poseidon sponge over the quantized input with the salt absorbed
 * as one more word after the packed words (the count stays the number of input values).
 *
 * @example
 * const inputCommitment = await commitInput({ input, salt: randomSalt() })
 */
export async function commitInput({ input, salt }: CommitInputParameters): Promise<CommitInputReturnType> {
  if (input.length === 0)
    throw new ShapeMismatchError({ what: "input", expected: "at least one value", received: "none" });
  if (salt < 0n || salt >= FIELD_MODULUS) throw new InvalidSaltError({ salt });
  return spongeHash({ count: input.length, words: [...packValues({ values: input, what: "input" }), salt] });
}
