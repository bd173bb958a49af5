import {
  ensureModelRegistration,
  ModelNotRegisteredError as RegistrationMissingError,
  type WriteClient,
} from "@convergence/sdk";
import { circuitPackageRegistrationRecord, type SetupCircuitReturnType, setupRegistration } from "@convergence/zk";
import type { Address, Hex } from "viem";
import { ModelNotRegisteredError } from "../errors/bootstrap.ts";
import type { ServedCircuit } from "../inference/types.ts";
import type { Logger } from "../log/createLogger.ts";

export type EnsureCircuitRegisteredParameters = {
  client: WriteClient;
  registry: Address;
  /** Where to search for earlier registrations: the deployment's start block. */
  fromBlock: bigint;
  circuit: ServedCircuit;
  /** The package's setup on this machine (setupCircuitPackage). */
  setup: SetupCircuitReturnType;
  /** Deploy the verifier and register when no usable registration exists (WORKER_AUTO_REGISTER). */
  register: boolean;
  log: Logger;
};

export type EnsureCircuitRegisteredReturnType = {
  modelId: bigint;
  verifier: Address;
  vkeyHash: Hex;
  registered: boolean;
};

/**
 * The ModelRegistry id under which this worker can serve a circuit package: the active registration `convergence
 * circuit add` made (the parameters' commitment with this machine's verification key). When there is none and
 * `register` is set (a chain restarted since), registers it the way `circuit add` does (`setupRegistration` and `circuitPackageRegistrationRecord`
 * of @convergence/zk, then the SDK's ensureModelRegistration).
 *
 * @example
 * const { modelId } = await ensureCircuitRegistered({ client, registry, fromBlock, circuit, setup, register: true, log });
 */
export async function ensureCircuitRegistered({
  client,
  registry,
  fromBlock,
  circuit,
  setup,
  register,
  log,
}: EnsureCircuitRegisteredParameters): Promise<EnsureCircuitRegisteredReturnType> {
  const registration = await setupRegistration({ setup, name: circuit.name });
  const { modelId, verifier, registered } = await ensureModelRegistration({
    client,
    registry,
    fromBlock,
    ...(await circuitPackageRegistrationRecord({ pkg: circuit.pkg })),
    setup: registration,
    // `convergence circuit add` registers with the deployer account: serve that registration too.
    anyOwner: true,
    register,
  }).catch((error: unknown) => {
    // WORKER_AUTO_REGISTER=false and nothing to serve: say which setting decides.
    if (error instanceof RegistrationMissingError) {
      throw new ModelNotRegisteredError({ model: circuit.name, commitment: circuit.commitment });
    }
    throw error;
  });
  if (!registered) {
    log.info("circuit found on-chain", { model: circuit.name, modelId, verifier: verifier.address });
  } else {
    if (verifier.source === "deployed") {
      log.info("verifier deployed", { contract: verifier.contractName, address: verifier.address });
    }
    log.info("circuit registered", { model: circuit.name, modelId });
  }
  return { modelId, verifier: verifier.address, vkeyHash: registration.vkeyHash, registered };
}
