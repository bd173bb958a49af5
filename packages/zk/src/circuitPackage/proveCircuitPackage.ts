import { randomSalt } from "../commitment/randomSalt.ts";
import type { ProveParameters, ProveReturnType } from "../proof/prove.ts";
import { proveWitness } from "../proof/proveWitness.ts";
import { buildPackageInput } from "./buildPackageInput.ts";
import { compileCircuitPackage } from "./compileCircuitPackage.ts";
import type { CircuitPackage } from "./types.ts";

export type ProveCircuitPackageParameters = Omit<ProveParameters, "model" | "input"> & {
  pkg: CircuitPackage;
  /** The fixed-point input, within the manifest's input range. */
  input: readonly bigint[];
};
/** The same result as `prove` for an MLP: `output` is the circuit's outputs, signed. */
export type ProveCircuitPackageReturnType = ProveReturnType;

/**
 * Proves one request through a circuit package with Groth16: the package's input builder gives the witness input,
 * outputs included, and the circuit (compiled and set up, cached) constrains them: a builder whose outputs the
 * circuit does not compute fails with WitnessError. The outputs returned are the builder's own. Public signals are
 * [modelCommitment, inputCommitment, binding, ...outputs], as for an MLP, so the same verifier call, attestor and
 * escrow take the proof.
 *
 * @example
 * const { output, calldata } = await proveCircuitPackage({ pkg, input, binding });
 */
export async function proveCircuitPackage({
  pkg,
  input,
  salt = randomSalt(),
  binding = 0n,
  ...options
}: ProveCircuitPackageParameters): Promise<ProveCircuitPackageReturnType> {
  const { circuitInput, modelCommitment, inputCommitment } = await buildPackageInput({ pkg, input, salt, binding });
  const circuit = await compileCircuitPackage({ pkg, onProgress: options.onProgress });
  const proven = await proveWitness({ circuit, circuitInput, ...options });
  return { ...proven, modelCommitment, inputCommitment, binding, salt };
}
