import type { Groth16Proof } from "snarkjs";
import type { Groth16Calldata } from "./parseCalldata.ts";

export type ProofFromCalldataParameters = Groth16Calldata;
export type ProofFromCalldataReturnType = { proof: Groth16Proof; publicSignals: string[] };

/**
 * The inverse of `parseCalldata`: turns the verifier arguments a transaction carried (`fulfill(jobId, agentId, a, b, c,
 * signals)`) back into the proof object and public signals snarkjs verifies. snarkjs' Solidity export swaps each of pB's
 * coordinate pairs for the precompile; this swaps them back and restores the projective `1` coordinates, so a proof read
 * from the chain verifies off-chain (in Node or in a browser) against the same key.
 *
 * @example
 * const { proof, publicSignals } = proofFromCalldata({ pA: a, pB: b, pC: c, pubSignals: signals });
 */
export function proofFromCalldata({
  pA,
  pB,
  pC,
  pubSignals,
}: ProofFromCalldataParameters): ProofFromCalldataReturnType {
  return {
    proof: {
      pi_a: [pA[0].toString(), pA[1].toString(), "1"],
      pi_b: [
        [pB[0][1].toString(), pB[0][0].toString()],
        [pB[1][1].toString(), pB[1][0].toString()],
        ["1", "0"],
      ],
      pi_c: [pC[0].toString(), pC[1].toString(), "1"],
      protocol: "groth16",
      curve: "bn128",
    },
    publicSignals: pubSignals.map((signal) => signal.toString()),
  };
}
