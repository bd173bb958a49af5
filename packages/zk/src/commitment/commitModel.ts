import type { QuantizedMlp } from "../fixedPoint/types.ts";
import { flattenModel } from "../mlp/flattenModel.ts";
import { packValues } from "./packValues.ts";
import { spongeHash } from "./spongeHash.ts";

export type CommitModelParameters = { model: QuantizedMlp };
export type CommitModelReturnType = bigint;

/**
 * The model commitment: the packed Poseidon sponge (see `commitment/constants.ts`) over every
 * quantized weight and bias in `flattenModel` order. It is the circuit's first public signal and what
 * the ModelRegistry stores; retrained weights of the same shape only need a new commitment.
 *
 * @example
 * const modelCommitment = await commitModel({ model })
 */
export async function commitModel({ model }: CommitModelParameters): Promise<CommitModelReturnType> {
  const values = flattenModel({ model });
  return spongeHash({ count: values.length, words: packValues({ values, what: "model parameter" }) });
}
