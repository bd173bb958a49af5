import { type Groth16Proof, groth16 } from "snarkjs";
import type { CompiledCircuit } from "../circuit/compileCircuit.ts";
import { loadWitnessCalculator } from "../circuit/loadWitnessCalculator.ts";
import { WitnessError } from "../errors/proof.ts";
import { assertZkeyContributed } from "../setup/assertZkeyContributed.ts";
import type { OnProgress } from "../setup/createProgress.ts";
import { loadSetup } from "../setup/loadSetup.ts";
import { setupCircuit } from "../setup/setupCircuit.ts";
import { terminateCurve } from "../setup/terminateCurve.ts";
import { fromField } from "./fromField.ts";
import { type Groth16Calldata, parseCalldata } from "./parseCalldata.ts";

export type ProveWitnessParameters = {
  circuit: CompiledCircuit;
  /** The witness calculator's input: every input signal by name, as decimal strings or numbers. */
  circuitInput: Record<string, unknown>;
  /** Run the trusted setup when the circuit has none yet, instead of failing with `SetupMissingError`. */
  setupIfMissing?: boolean;
  /** Keep snarkjs' curve threads for the next proof; call `terminateCurve()` when done. */
  keepCurve?: boolean;
  onProgress?: OnProgress;
};
export type ProveWitnessReturnType = {
  /** The circuit's outputs (public signals after modelCommitment, inputCommitment and binding), signed. */
  output: bigint[];
  /** The same outputs as the public signals hold them: negatives as p - |x|. */
  rawOutput: bigint[];
  publicSignals: string[];
  proof: Groth16Proof;
  /** Arguments for the Solidity verifier's `verifyProof`, from snarkjs' own export. */
  calldata: Groth16Calldata;
  /** Milliseconds spent computing the witness and the Groth16 proof. */
  proveMs: number;
  /** The circuit's cache key: which setup (and so which verifier) the proof is for. */
  circuit: string;
};

/**
 * Loads the circuit's setup (or runs it, with `setupIfMissing`), computes the witness of a circuit whose public
 * signals are [modelCommitment, inputCommitment, binding, ...outputs] and proves it with Groth16: the shared last
 * step of `prove` (an MLP) and `proveCircuitPackage`. A witness the circuit rejects throws WitnessError naming the
 * circuit. Stops snarkjs' curve threads afterwards unless `keepCurve`.
 *
 * @example
 * const { output, calldata } = await proveWitness({ circuit, circuitInput });
 */
export async function proveWitness({
  circuit,
  circuitInput,
  setupIfMissing = false,
  keepCurve = false,
  onProgress,
}: ProveWitnessParameters): Promise<ProveWitnessReturnType> {
  const { zkey } = setupIfMissing ? await setupCircuit({ circuit, onProgress }) : await loadSetup({ circuit });
  await assertZkeyContributed({ path: zkey });
  try {
    const started = performance.now();
    const calculator = await loadWitnessCalculator({ circuit });
    let witness: Uint8Array;
    try {
      witness = await calculator.calculateWTNSBin(circuitInput, true);
    } catch (cause) {
      throw new WitnessError({ circuit: circuit.name, cause });
    }
    const { proof, publicSignals } = await groth16.prove(zkey, { type: "mem", data: witness });
    const proveMs = Math.round((performance.now() - started) * 10) / 10;
    const calldata = parseCalldata({ calldata: await groth16.exportSolidityCallData(proof, publicSignals) });
    const rawOutput = publicSignals.slice(3).map((signal) => BigInt(signal));
    return {
      output: rawOutput.map(fromField),
      rawOutput,
      publicSignals,
      proof,
      calldata,
      proveMs,
      circuit: circuit.key,
    };
  } finally {
    if (!keepCurve) await terminateCurve();
  }
}
