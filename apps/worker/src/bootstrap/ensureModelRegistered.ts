import { modelRegistrationRecord } from "@convergence/models";
import { ensureModelRegistration, findModelRegistration, getModel, type WriteClient } from "@convergence/sdk";
import {
  circuitPackageRegistrationRecord,
  type SetupCircuitReturnType,
  setupRegistration,
  verifierRuntimeCode,
} from "@convergence/zk";
import type { Address } from "viem";
import { checkRegistration, type ServedKey } from "../chain/checkRegistration.ts";
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
  /** The setup this worker proves with (`ensureZkSetup`: the published key or the publisher's, from the zk cache). */
  setup: SetupCircuitReturnType;
  /** WORKER_PUBLISHERS, resolved: the owners whose registrations this worker serves. */
  publishers: readonly Address[];
  /**
   * Deploy the verifier and register from the worker's own account when no served registration exists
   * (WORKER_AUTO_REGISTER); only when that account is one of the publishers.
   */
  register: boolean;
  log: Logger;
};

export type EnsureModelRegisteredReturnType = ServedKey & {
  modelId: bigint;
  verifier: Address;
  registered: boolean;
};

/**
 * The ModelRegistry id under which this worker serves `model` (an MLP or a circuit package): the latest active
 * registration of its commitment, owned by one of the publishers, that `checkRegistration` accepts (this machine's
 * vkeyHash, a verifier whose runtime code is the one compiled from this key), such as the one the publisher's
 * `model add` or `circuit add` made. A registration of the same commitment by anyone else is not served, and each one
 * refused is logged with its reason. When none is served and `register` is set (a chain restarted since), registers
 * from the worker's account the way those commands do: `setupRegistration` and the record
 * (`modelRegistrationRecord`, `circuitPackageRegistrationRecord`), then the SDK's `ensureModelRegistration` (the
 * verifier of one of the worker's own registrations under the same key, or a newly deployed one), and checks the
 * result the same way. Returns the key too, for the resolver to check later registrations against.
 *
 * @example
 * const { modelId } = await ensureModelRegistered({ client, registry, fromBlock, model, setup, publishers, register: true, log });
 */
export async function ensureModelRegistered({
  client,
  registry,
  fromBlock,
  model,
  setup,
  publishers,
  register,
  log,
}: EnsureModelRegisteredParameters): Promise<EnsureModelRegisteredReturnType> {
  const kind = model.kind === "mlp" ? "model" : "circuit";
  const registration = await setupRegistration({ setup, name: model.name });
  const { vkeyHash } = registration;
  // zk's verifierRuntimeCode: the code compiled from the key (memoized per key), as a requester's checkModelPin has it.
  const key: ServedKey = {
    vkeyHash,
    verifierCode: () => verifierRuntimeCode({ verificationKey: setup.verificationKey }),
  };

  let best: { modelId: bigint; verifier: Address } | undefined;
  for (const owner of publishers) {
    const found = await findModelRegistration({
      client,
      registry,
      fromBlock,
      vkeyHash,
      commitment: model.commitment,
      owner,
    });
    if (!found) continue;
    const check = await checkRegistration({ client, registration: found, key, publishers });
    if (!check.served) {
      log.warn(`${kind} registration not served`, { model: model.name, modelId: found.modelId, reason: check.reason });
      continue;
    }
    if (!best || found.modelId > best.modelId) best = { modelId: found.modelId, verifier: found.verifier };
  }
  if (best) {
    log.info(`${kind} found on-chain`, { model: model.name, modelId: best.modelId, verifier: best.verifier });
    return { ...key, ...best, registered: false };
  }

  const own = client.account.address;
  const ownIsPublisher = publishers.some((publisher) => publisher.toLowerCase() === own.toLowerCase());
  if (!register || !ownIsPublisher) {
    throw new ModelNotRegisteredError({
      model: model.name,
      commitment: model.commitment,
      vkeyHash,
      publishers,
      reason: register ? "own-account-not-publisher" : "auto-register-off",
    });
  }
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
    register: true,
  });
  // The SDK answers (or reuses the verifier of) the account's own registrations without looking at their code.
  const check = await checkRegistration({
    client,
    registration: await getModel({ client, registry, modelId }),
    key,
    publishers,
  });
  if (!check.served) {
    throw new ModelNotRegisteredError({
      model: model.name,
      commitment: model.commitment,
      vkeyHash,
      publishers,
      reason: "own-registration-refused",
      details: `registration ${modelId}: ${check.reason}`,
    });
  }
  if (!registered) {
    log.info(`${kind} found on-chain`, { model: model.name, modelId, verifier: verifier.address });
  } else {
    if (verifier.source === "deployed") {
      log.info("verifier deployed", { contract: verifier.contractName, address: verifier.address });
    }
    log.info(`${kind} registered`, { model: model.name, modelId });
  }
  return { ...key, modelId, verifier: verifier.address, registered };
}
