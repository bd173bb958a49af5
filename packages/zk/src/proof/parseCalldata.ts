import { MalformedProofError } from "../errors/proof.ts";

/** Groth16 verifier arguments, typed for viem: `verifyProof(pA, pB, pC, pubSignals)`. */
export type Groth16Calldata = {
  pA: readonly [bigint, bigint];
  pB: readonly [readonly [bigint, bigint], readonly [bigint, bigint]];
  pC: readonly [bigint, bigint];
  pubSignals: readonly bigint[];
};

/**
 * Parses the string `snarkjs.groth16.exportSolidityCallData` returns (`["0x..","0x.."],[[..],[..]],[..],[..]`)
 * into typed arguments. The encoding itself is snarkjs' own (pB's coordinates come swapped for the
 * precompile); this only turns its text into bigints.
 *
 * @example
 * parseCalldata({ calldata: await groth16.exportSolidityCallData(proof, publicSignals) })
 */
export function parseCalldata({ calldata }: { calldata: string }): Groth16Calldata {
  let parsed: unknown;
  try {
    parsed = JSON.parse(`[${calldata}]`);
  } catch (cause) {
    throw new MalformedProofError({ reason: `snarkjs calldata is not JSON (${(cause as Error).message})` });
  }
  const big = (value: unknown): bigint => {
    if (typeof value !== "string" || !/^0x[0-9a-fA-F]+$/.test(value)) {
      throw new MalformedProofError({ reason: `calldata value ${JSON.stringify(value)} is not a hex number` });
    }
    return BigInt(value);
  };
  const pair = (value: unknown): readonly [bigint, bigint] => {
    if (!Array.isArray(value) || value.length !== 2)
      throw new MalformedProofError({ reason: "calldata point is not a pair" });
    return [big(value[0]), big(value[1])];
  };
  if (!Array.isArray(parsed) || parsed.length !== 4 || !Array.isArray(parsed[1]) || !Array.isArray(parsed[3])) {
    throw new MalformedProofError({ reason: "calldata is not [pA, pB, pC, pubSignals]" });
  }
  const [pA, pB, pC, pubSignals] = parsed as [unknown, unknown[], unknown, unknown[]];
  if (pB.length !== 2) throw new MalformedProofError({ reason: "calldata pB is not a pair of pairs" });
  return { pA: pair(pA), pB: [pair(pB[0]), pair(pB[1])], pC: pair(pC), pubSignals: pubSignals.map(big) };
}
