import { loadModel, modelRegistrationRecord } from "@convergence/models";
import { deployVerifier, registerModel, type WriteClient } from "@convergence/sdk";
import { type SetupCircuitReturnType, setupRegistration } from "@convergence/zk";
import type { Address, Hash, Hex } from "viem";

export type RegisterDemoModelParameters = {
  /** Signs as the model's publisher (devnet account #3): the registration's owner, whom workers serve. */
  client: WriteClient;
  registry: Address;
  setup: SetupCircuitReturnType;
  /** Default "risk-v1". */
  model?: string;
};

export type RegisterDemoModelReturnType = {
  modelId: bigint;
  verifier: Address;
  verifierTx: { hash: Hash; gasUsed: bigint };
  registerTx: { hash: Hash; gasUsed: bigint };
  commitment: bigint;
  vkeyHash: Hex;
};

/**
 * Deploys the model's Groth16 verifier and registers the model in the ModelRegistry with its weight commitment and
 * this machine's verification key hash, on the demo's fresh chain. What is registered comes from the same owners as
 * every other registration (`setupRegistration` in @convergence/zk, `modelRegistrationRecord` in @convergence/models);
 * it deploys and registers with the SDK's actions directly rather than `ensureModelRegistration` because the demo
 * prints each transaction's gas. A worker started afterwards finds this registration (same commitment and key) and
 * serves it instead of registering its own.
 *
 * @example
 * const { modelId } = await registerDemoModel({ client, registry: contracts.ModelRegistry, setup });
 */
export async function registerDemoModel({
  client,
  registry,
  setup,
  model = "risk-v1",
}: RegisterDemoModelParameters): Promise<RegisterDemoModelReturnType> {
  const { manifest } = await loadModel({ name: model });
  const record = modelRegistrationRecord({ manifest });
  const { vkeyHash, circuitId, compileVerifier } = await setupRegistration({ setup, name: model });
  const { abi, bytecode, contractName } = await compileVerifier();
  const deployed = await deployVerifier({ client, abi, bytecode, contractName });
  const registered = await registerModel({
    client,
    registry,
    ...record,
    verifier: deployed.address,
    circuitId,
    vkeyHash,
  });
  return {
    modelId: registered.modelId,
    verifier: deployed.address,
    verifierTx: { hash: deployed.hash, gasUsed: deployed.receipt.gasUsed },
    registerTx: { hash: registered.hash, gasUsed: registered.receipt.gasUsed },
    commitment: record.commitment,
    vkeyHash,
  };
}
