import type { LocalAccount } from "viem";
import type { OnProgress } from "../setup/createProgress.ts";
import { type SetupCircuitReturnType, setupCircuit } from "../setup/setupCircuit.ts";
import { type CompileCircuitPackageReturnType, compileCircuitPackage } from "./compileCircuitPackage.ts";
import type { CircuitPackage } from "./types.ts";

export type SetupCircuitPackageParameters = {
  pkg: CircuitPackage;
  ptau?: string;
  ptauSha256?: string;
  force?: boolean;
  /** The publisher whose signed phase-2 contribution the key carries (see `setupCircuit`). */
  contributor?: LocalAccount;
  onProgress?: OnProgress;
};
export type SetupCircuitPackageReturnType = {
  circuit: CompileCircuitPackageReturnType;
  setup: SetupCircuitReturnType;
};

/**
 * Compiles a circuit package (public signals checked against the manifest first) and runs, or reuses, its Groth16
 * setup through the same cached phase 2 as the MLP circuits.
 *
 * @example
 * const { circuit, setup } = await setupCircuitPackage({ pkg, onProgress: console.log });
 */
export async function setupCircuitPackage({
  pkg,
  ptau,
  ptauSha256,
  force,
  contributor,
  onProgress,
}: SetupCircuitPackageParameters): Promise<SetupCircuitPackageReturnType> {
  const circuit = await compileCircuitPackage({ pkg, onProgress });
  const setup = await setupCircuit({ circuit, ptau, ptauSha256, force, contributor, onProgress });
  return { circuit, setup };
}
