import { modelRegistrationRecord } from "@convergence/models";
import {
  ensureModelRegistration,
  ModelNotRegisteredError as RegistrationMissingError,
  type WriteClient,
} from "@convergence/sdk";
import { circuitPackageRegistrationRecord, type SetupCircuitReturnType, setupRegistration } from "@convergence/zk";
import type { Address, Hex } from "viem";
import { ModelNotRegisteredError } from "../errors/bootstrap.ts";
import type { Served } from "../inference/types.ts";
import type { Logger } from "../log/createLogger.ts";

export type EnsureModelRegisteredParameters = {
  client: WriteClient;
  registry: Address;
  /** Where to search for earlier registrations: the deployment's start block. */
  fromBlock: bigint;
  /** An MLP or a circuit package this worker serves. */
  model: Served;
  /** Its setup on this machine (`ensureZkSetup` for an MLP, `setupCircuitPackage` for a package). */
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
 * The ModelRegistry id under which this worker can serve `model` (an MLP or a circuit package): an active registration
 * with its commitment and this machine's verification key (phase 2 of the setup is random per machine, so another
 * machine's verifier would reject these proofs), such as the one `model add` or `circuit add` made. When there is none
 * and `register` is set (a chain restarted since), registers it the way those commands do: `setupRegistration` and the
 * record (`modelRegistrationRecord`, `circuitPackageRegistrationRecord`), then the SDK's `ensureModelRegistration`,
 * with the verifier of one of the worker account's registrations under the same key or a newly deployed one, logging
 * each step.
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
  const kind = model.kind === "mlp" ? "model" : "circuit";
  const registration = await setupRegistration({ setup, name: model.name });
  const record =
    model.kind === "mlp"
      ? modelRegistrationRecord({ manifest: model.manifest })
      : await circuitPackageRegistrationRecord({ pkg: model.pkg });
  const { modelId, verifier, registered } = await ensureModelRegistration({
    client,
    registry,
    fromBlock,
    ...record,
    setup: registration,
    // `convergence model add` and `circuit add` register with the deployer account: serve those registrations too.
    anyOwner: true,
    register,
  }).catch((error: unknown) => {
    // WORKER_AUTO_REGISTER=false and nothing to serve: say which setting decides.
    if (error instanceof RegistrationMissingError) {
      throw new ModelNotRegisteredError({ model: model.name, commitment: model.commitment });
    }
    throw error;
  });
  if (!registered) {
    log.info(`${kind} found on-chain`, { model: model.name, modelId, verifier: verifier.address });
  } else {
    if (verifier.source === "deployed") {
      log.info("verifier deployed", { contract: verifier.contractName, address: verifier.address });
    }
    log.info(`${kind} registered`, { model: model.name, modelId });
  }
  return { modelId, verifier: verifier.address, vkeyHash: registration.vkeyHash, registered };
}
