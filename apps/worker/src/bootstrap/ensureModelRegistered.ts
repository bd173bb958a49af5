import { modelRegistrationRecord } from "@convergence/models";
import {
  ensureModelRegistration,
  ModelNotRegisteredError as RegistrationMissingError,
  type WriteClient,
} from "@convergence/sdk";
import { type SetupCircuitReturnType, setupRegistration } from "@convergence/zk";
import type { Address, Hex } from "viem";
import { ModelNotRegisteredError } from "../errors/bootstrap.ts";
import type { ServedModel } from "../inference/types.ts";
import type { Logger } from "../log/createLogger.ts";

export type EnsureModelRegisteredParameters = {
  client: WriteClient;
  registry: Address;
  /** Where to search for earlier registrations: the deployment's start block. */
  fromBlock: bigint;
  model: ServedModel;
  setup: SetupCircuitReturnType;
  /** Deploy the verifier and register when no usable registration exists (WORKER_AUTO_REGISTER). */
  register: boolean;
  log: Logger;
};

export type EnsureModelRegisteredReturnType = {
  modelId: bigint;
  verifier: Address;
  /** sha256 of this machine's verification key, as registered. */
  vkeyHash: Hex;
  registered: boolean;
};

/**
 * The ModelRegistry id under which this worker can serve `model`: an active registration with the model's weight
 * commitment and this machine's verification key (phase 2 of the setup is random per machine, so another machine's
 * verifier would reject these proofs). When there is none and `register` is set, registers the model with the verifier
 * of one of the worker account's registrations under the same key, or a newly deployed snarkjs verifier (compiled with
 * solc-js), printing each step.
 *
 * @example
 * const { modelId } = await ensureModelRegistered({ client, registry, fromBlock, model, setup, register: true, log });
 */
export async function ensureModelRegistered({
  client,
  registry,
  fromBlock,
  model,
  setup,
  register,
  log,
}: EnsureModelRegisteredParameters): Promise<EnsureModelRegisteredReturnType> {
  const registration = await setupRegistration({ setup, name: model.name });
  const ensured = await ensureModelRegistration({
    client,
    registry,
    fromBlock,
    ...modelRegistrationRecord({ manifest: model.manifest }),
    setup: registration,
    // `convergence model add` registers with the deployer account: serve that registration too.
    anyOwner: true,
    register,
  }).catch((error: unknown) => {
    // WORKER_AUTO_REGISTER=false and nothing to serve: say which setting decides.
    if (error instanceof RegistrationMissingError) {
      throw new ModelNotRegisteredError({ model: model.name, commitment: model.commitment });
    }
    throw error;
  });
  const { modelId, verifier, registered } = ensured;
  if (!registered) {
    log.info("model found on-chain", { model: model.name, modelId, verifier: verifier.address });
  } else {
    if (verifier.source === "deployed") {
      log.info("verifier deployed", { contract: verifier.contractName, address: verifier.address });
    }
    log.info("model registered", { model: model.name, modelId });
  }
  return { modelId, verifier: verifier.address, vkeyHash: registration.vkeyHash, registered };
}
