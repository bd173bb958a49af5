import { groth16, type VerificationKey } from "snarkjs";
import { ProofModelMismatchError } from "../errors/proof.ts";
import { terminateCurve } from "../setup/terminateCurve.ts";
import { parseProof } from "./parseProof.ts";

export type VerifyParameters = {
  /** The proof as `prove` returned it or as read back from JSON (validated here). */
  proof: unknown;
  publicSignals: unknown;
  verificationKey: VerificationKey;
  /** Public values the proof must carry; a mismatch is an error that names it. */
  expected?: { modelCommitment?: bigint; inputCommitment?: bigint; binding?: bigint };
  /** Keep snarkjs' curve threads for the next call; call `terminateCurve()` when done. */
  keepCurve?: boolean;
};
export type VerifyReturnType = boolean;

/**
 * Verifies a Groth16 proof with snarkjs. A malformed proof, one with the wrong number of public
 * signals for this verification key (another model shape), or one whose commitments or binding differ
 * from `expected` (another model, input or job) throws a typed error with the reason; a proof that is
 * well formed but does not verify returns false.
 *
 * @example
 * const ok = await verify({ proof, publicSignals, verificationKey, expected: { modelCommitment } });
 */
export async function verify({
  proof,
  publicSignals,
  verificationKey,
  expected = {},
  keepCurve = false,
}: VerifyParameters): Promise<VerifyReturnType> {
  const parsed = parseProof({ proof, publicSignals });
  if (parsed.publicSignals.length !== verificationKey.nPublic) {
    throw new ProofModelMismatchError({
      what: "model shape",
      expected: `${verificationKey.nPublic} public signals`,
      received: `${parsed.publicSignals.length}`,
    });
  }
  const checks: [string, bigint | undefined, number][] = [
    ["model (modelCommitment)", expected.modelCommitment, 0],
    ["input (inputCommitment)", expected.inputCommitment, 1],
    ["job (binding)", expected.binding, 2],
  ];
  for (const [what, value, index] of checks) {
    const received = parsed.publicSignals[index] as string;
    if (value !== undefined && BigInt(received) !== value) {
      throw new ProofModelMismatchError({ what, expected: value.toString(), received });
    }
  }
  try {
    return await groth16.verify(verificationKey, parsed.publicSignals, parsed.proof);
  } catch {
    // snarkjs throws on points that are not on the curve: a forged proof, not a valid one.
    return false;
  } finally {
    if (!keepCurve) await terminateCurve();
  }
}
