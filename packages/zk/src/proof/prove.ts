import { type CompiledCircuit, compileCircuit } from "../circuit/compileCircuit.ts";
import { commitInput } from "../commitment/commitInput.ts";
import { commitModel } from "../commitment/commitModel.ts";
import { randomSalt } from "../commitment/randomSalt.ts";
import { InvalidBindingError } from "../errors/proof.ts";
import { FIELD_MODULUS } from "../fixedPoint/constants.ts";
import { forward } from "../fixedPoint/forward.ts";
import type { QuantizedMlp } from "../fixedPoint/types.ts";
import { modelShape } from "../mlp/modelShape.ts";
import type { OnProgress } from "../setup/createProgress.ts";
import { buildCircuitInput } from "./buildCircuitInput.ts";
import { type ProveWitnessReturnType, proveWitness } from "./proveWitness.ts";

export type ProveParameters = {
  model: QuantizedMlp;
  /** The quantized input (signed 16-bit values). */
  input: readonly bigint[];
  /** Hides the input in its commitment; a fresh `randomSalt()` when omitted. */
  salt?: bigint;
  /** The job binding (`computeBinding`); 0 when the proof is not for an escrow job. */
  binding?: bigint;
  /** Run the trusted setup when the shape has none yet, instead of failing with `SetupMissingError`. */
  setupIfMissing?: boolean;
  /** Keep snarkjs' curve threads for the next proof (a worker or a bench); call `terminateCurve()` when done. */
  keepCurve?: boolean;
  onProgress?: OnProgress;
};
export type ProveReturnType = ProveWitnessReturnType & {
  modelCommitment: bigint;
  inputCommitment: bigint;
  binding: bigint;
  salt: bigint;
};

/**
 * Runs the model on the input with the reference forward pass and proves the same computation with
 * Groth16: the public signals commit to the weights, to the salted input and to the job binding,
 * then carry the output. Out-of-range inputs or weights fail naming the value before any proving.
 *
 * @example
 * const { output, calldata } = await prove({ model, input, binding: computeBinding({ chainId, escrow, jobId, worker }) });
 */
export async function prove({
  model,
  input,
  salt = randomSalt(),
  binding = 0n,
  ...options
}: ProveParameters): Promise<ProveReturnType> {
  if (binding < 0n || binding >= FIELD_MODULUS) throw new InvalidBindingError({ binding: binding.toString() });
  // Validation first: shape, ranges of input, weights and activations (names the offending value).
  const shape = modelShape({ model });
  const { output } = forward({ model, input });
  const modelCommitment = await commitModel({ model });
  const inputCommitment = await commitInput({ input, salt });

  const circuit: CompiledCircuit = await compileCircuit({ shape, onProgress: options.onProgress });
  const circuitInput = buildCircuitInput({ model, input, salt, binding, modelCommitment, inputCommitment, output });
  const proven = await proveWitness({ circuit, circuitInput, ...options });
  return { ...proven, modelCommitment, inputCommitment, binding, salt };
}
