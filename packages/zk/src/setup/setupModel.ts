import type { LocalAccount } from "viem";
import { type CompiledCircuit, compileCircuit } from "../circuit/compileCircuit.ts";
import { PublishedKeyInstalledError } from "../errors/setup.ts";
import type { QuantizedMlp } from "../fixedPoint/types.ts";
import { modelShape } from "../mlp/modelShape.ts";
import { type ExportVerifierReturnType, exportVerifier } from "../verifier/exportVerifier.ts";
import type { OnProgress } from "./createProgress.ts";
import { installPublishedKeys, type PublishedKeys } from "./installPublishedKeys.ts";
import { type SetupCircuitReturnType, setupCircuit } from "./setupCircuit.ts";

export type SetupModelParameters = {
  model: QuantizedMlp;
  /** The model's name (e.g. "risk-v1"): names the verifier contract. */
  name: string;
  ptau?: string;
  ptauSha256?: string;
  force?: boolean;
  /** The publisher whose signed phase-2 contribution the key carries (see `setupCircuit`); unused with `published`. */
  contributor?: LocalAccount;
  /**
   * The model's published keys (`loadModel(...).publishedKeys`): installed after their hashes are checked, instead
   * of running phase 2. `ptau` and `force` ask for a phase 2 of one's own and cannot be combined with them.
   */
  published?: PublishedKeys;
  /** Where to write the verifier; defaults to the cache and contracts/verifiers/. */
  verifierDirs?: string[];
  onProgress?: OnProgress;
};
export type SetupModelReturnType = {
  circuit: CompiledCircuit;
  setup: SetupCircuitReturnType;
  verifier: ExportVerifierReturnType;
};

/**
 * Everything `convergence zk setup --model <name>` does: compile the model shape's circuit, install its published
 * keys or run (or reuse) its Groth16 setup, and export the model's Solidity verifier. Only the shape matters for the
 * circuit and the keys: retrained weights of the same shape reuse them.
 *
 * @example
 * const { setup, verifier } = await setupModel({ model, name: "risk-v1", published: loaded.publishedKeys });
 */
export async function setupModel({
  model,
  name,
  ptau,
  ptauSha256,
  force,
  contributor,
  published,
  verifierDirs,
  onProgress,
}: SetupModelParameters): Promise<SetupModelReturnType> {
  const circuit = await compileCircuit({ shape: modelShape({ model }), onProgress });
  if (published !== undefined && (ptau !== undefined || force)) {
    throw new PublishedKeyInstalledError({
      circuit: circuit.name,
      dir: published.dir,
      reason: `${ptau !== undefined ? "a ptau" : "force"} asks for a phase 2 of your own; ${name} ships published keys`,
      hint: "Leave out the published keys to run your own phase 2 (in a CONVERGENCE_HOME without them installed).",
    });
  }
  const setup =
    published === undefined
      ? await setupCircuit({ circuit, ptau, ptauSha256, force, contributor, onProgress })
      : await installPublishedKeys({ circuit, published, onProgress });
  const verifier = await exportVerifier({ zkey: setup.zkey, model: name, outDirs: verifierDirs });
  onProgress?.({
    message: `${name}: verifier ${verifier.contractName} written to ${verifier.paths.join(", ")}`,
    elapsedMs: 0,
  });
  return { circuit, setup, verifier };
}
