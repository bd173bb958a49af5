import { randomSalt } from "../commitment/randomSalt.ts";
import type { ProveReturnType } from "../proof/prove.ts";
import { proveWitness } from "../proof/proveWitness.ts";
import { assertZkeyContributed } from "../setup/assertZkeyContributed.ts";
import type { OnProgress } from "../setup/createProgress.ts";
import { loadSetup } from "../setup/loadSetup.ts";
import { setupCircuit } from "../setup/setupCircuit.ts";
import { buildPackageInput } from "./buildPackageInput.ts";
import { compileCircuitPackage } from "./compileCircuitPackage.ts";
import type { CircuitPackage } from "./types.ts";

export type ProveCircuitPackageParameters = {
  pkg: CircuitPackage;
  /** The fixed-point input. */
  input: readonly bigint[];
  /** A fresh `randomSalt()` when omitted. */
  salt?: bigint;
  /** The job binding (`computeBinding`); 0 outside an escrow job. */
  binding?: bigint;
  setupIfMissing?: boolean;
  /** Keep snarkjs' curve threads for the next proof; call `terminateCurve()` when done. */
  keepCurve?: boolean;
  onProgress?: OnProgress;
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
  setupIfMissing = false,
  keepCurve = false,
  onProgress,
}: ProveCircuitPackageParameters): Promise<ProveCircuitPackageReturnType> {
  const built = await buildPackageInput({ pkg, input, salt, binding });
  const circuit = await compileCircuitPackage({ pkg, onProgress });
  const setup = setupIfMissing ? await setupCircuit({ circuit, onProgress }) : await loadSetup({ circuit });
  await assertZkeyContributed({ path: setup.zkey });
  const proven = await proveWitness({ circuit, zkey: setup.zkey, circuitInput: built.circuitInput, keepCurve });
  return {
    ...proven,
    modelCommitment: built.modelCommitment,
    inputCommitment: built.inputCommitment,
    binding,
    salt,
    circuit: circuit.key,
  };
}
