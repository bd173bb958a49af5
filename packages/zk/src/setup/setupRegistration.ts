import { type Abi, type Hex, keccak256, stringToHex } from "viem";
import { compileVerifier } from "../verifier/compileVerifier.ts";
import { exportVerifier } from "../verifier/exportVerifier.ts";
import { hashVerificationKey } from "../verifier/hashVerificationKey.ts";
import type { SetupCircuitReturnType } from "./setupCircuit.ts";

export type SetupRegistrationParameters = {
  /** A Groth16 setup on this machine (`setupCircuit`, `setupCircuitPackage`, `loadSetup`). */
  setup: SetupCircuitReturnType;
  /** The model or circuit package's name: the verifier contract is named after it (`risk-v1` -> `RiskV1Verifier`). */
  name: string;
};

export type SetupRegistrationReturnType = {
  /** `hashVerificationKey` of the setup's key (sha256 of verification_key.json): one per phase 2, so per setup. */
  vkeyHash: Hex;
  /** keccak256 of the circuit's cache key (shape, scale, template library, compiler versions). */
  circuitId: Hex;
  /**
   * The key's Groth16 verifier: snarkjs' export, in memory only (nothing is written into the repository), compiled with
   * solc-js. Run at most once per call of setupRegistration, and only when asked (it takes seconds).
   */
  compileVerifier: () => Promise<{ abi: Abi; bytecode: Hex; deployedBytecode: Hex; contractName: string }>;
};

/**
 * What a setup registers as in the ModelRegistry: its verification key hash, its circuit id and the verifier compiled
 * from its proving key. Owned here, beside the setup that makes the key, so every registration (`model add`,
 * `circuit add`, the demo, the worker's own) names a key the same way; the SDK's `ensureModelRegistration` takes this
 * object as `setup` and stays free of snarkjs and solc.
 *
 * @example
 * const registration = await setupRegistration({ setup, name: "risk-v1" });
 * await ensureModelRegistration({ client, registry, fromBlock, setup: registration, commitment, numOutputs, onnxHash, uri });
 */
export async function setupRegistration({
  setup,
  name,
}: SetupRegistrationParameters): Promise<SetupRegistrationReturnType> {
  const vkeyHash = hashVerificationKey(setup.verificationKey);
  let compiled: ReturnType<SetupRegistrationReturnType["compileVerifier"]> | undefined;
  return {
    vkeyHash,
    circuitId: keccak256(stringToHex(setup.record.key)),
    compileVerifier: () => {
      compiled ??= (async () => {
        const { source, contractName } = await exportVerifier({ zkey: setup.zkey, model: name, outDirs: [] });
        const { abi, bytecode, deployedBytecode } = compileVerifier({ source, contractName });
        return { abi, bytecode, deployedBytecode, contractName };
      })();
      return compiled;
    },
  };
}
