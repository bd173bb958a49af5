import {
  type CompiledCircuit,
  compileCircuit,
  compileCircuitPackage,
  loadSetup,
  modelShape,
  type SetupCircuitReturnType,
  SetupMissingError,
  setupModel,
  sha256File,
} from "@convergence/zk";
import type { Hex } from "viem";
import { PublishedKeyMismatchError, ZkSetupMissingError } from "../errors/bootstrap.ts";
import type { PublishedKeys, Served } from "../inference/types.ts";
import type { Logger } from "../log/createLogger.ts";

export type EnsureZkSetupParameters = {
  model: Served;
  log: Logger;
};

export type EnsureZkSetupReturnType = SetupCircuitReturnType;

/**
 * The vkeyHash a model's published key is pinned to: its published keys (`loadModel`'s `publishedKeys`), else its
 * manifest's `keys` (issue #14: packages/models/assets/<model>/keys), read through a narrow type until the manifest
 * type carries the field.
 */
function pinnedVkeyHash(model: Served): Hex | undefined {
  if (model.kind !== "mlp") return undefined;
  return model.publishedKeys?.vkeyHash ?? (model.manifest as { keys?: { vkeyHash: Hex } }).keys?.vkeyHash;
}

/**
 * The Groth16 setup the worker proves `model` with, never made here: the worker runs no phase 2 (whoever does knows a
 * secret that forges proofs, so the model's publisher does). The circuit is compiled (deterministic, cached) and its
 * setup loaded from the zk cache ($CONVERGENCE_HOME/zk), where the publisher's `convergence zk setup --model <name>`
 * (an MLP) or `convergence circuit add <dir>` (a circuit package) put it. A model that ships a published key (risk-v1)
 * gets it from `setupModel({ published })`, which installs the published key (its hashes pinned) instead of running
 * phase 2, when the cache holds no key or another one; the key loaded must then be the one its release pins. Throws
 * ZkSetupMissingError naming the publisher's command when there is no key, PublishedKeyMismatchError when the cache
 * holds another key than the published one.
 *
 * @example
 * const { zkey, verificationKeyPath } = await ensureZkSetup({ model, log });
 */
export async function ensureZkSetup({ model, log }: EnsureZkSetupParameters): Promise<EnsureZkSetupReturnType> {
  const onProgress = ({ message, elapsedMs }: { message: string; elapsedMs: number }) =>
    log.info(`zk: ${message}`, { ms: elapsedMs });
  const circuit: CompiledCircuit =
    model.kind === "mlp"
      ? await compileCircuit({ shape: modelShape({ model: model.quantized }), onProgress })
      : await compileCircuitPackage({ pkg: model.pkg, onProgress });
  const pinned = pinnedVkeyHash(model);
  const vkeyHashOf = async (setup: SetupCircuitReturnType) =>
    `0x${await sha256File({ path: setup.verificationKeyPath })}` as Hex;

  let setup = await loadSetup({ circuit }).catch((error: unknown) => {
    if (!(error instanceof SetupMissingError)) throw error;
    return undefined;
  });
  if (model.kind === "mlp" && model.publishedKeys && (!setup || (await vkeyHashOf(setup)) !== pinned?.toLowerCase())) {
    // setupModel with `published` installs the published key (hashes checked) and never runs phase 2; no verifier is
    // written into the repository. Typed with the field until setupModel's parameters carry it in main.
    const parameters: Parameters<typeof setupModel>[0] & { published: PublishedKeys } = {
      model: model.quantized,
      name: model.name,
      published: model.publishedKeys,
      verifierDirs: [],
      onProgress,
    };
    setup = (await setupModel(parameters)).setup;
  }
  if (!setup) {
    throw new ZkSetupMissingError({
      model: model.name,
      dir: circuit.dir,
      command:
        model.kind === "mlp"
          ? `convergence zk setup --model ${model.name}`
          : `convergence circuit add <the ${model.name} package directory>`,
    });
  }
  if (pinned) {
    const received = await vkeyHashOf(setup);
    if (received.toLowerCase() !== pinned.toLowerCase()) {
      throw new PublishedKeyMismatchError({ model: model.name, expected: pinned, received, dir: circuit.dir });
    }
  }
  log.info(pinned ? "zk: published key loaded" : "zk: setup loaded from the cache", {
    model: model.name,
    zkey: setup.zkey,
  });
  return setup;
}
