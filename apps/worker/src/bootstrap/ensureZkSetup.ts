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
import type { Served } from "../inference/types.ts";
import type { Logger } from "../log/createLogger.ts";

export type EnsureZkSetupParameters = {
  model: Served;
  log: Logger;
};

export type EnsureZkSetupReturnType = SetupCircuitReturnType;

/**
 * The published key of a model that ships one, pinned in its manifest (`keys`, issue #14: packages/models/assets/<model>/keys).
 * Read through a narrow type until the manifest type carries the field.
 */
function publishedKeys(model: Served): { vkeyHash: Hex } | undefined {
  if (model.kind !== "mlp") return undefined;
  return (model.manifest as { keys?: { vkeyHash: Hex } }).keys;
}

/**
 * The Groth16 setup the worker proves `model` with, never made here: the worker runs no phase 2 (whoever does knows a
 * secret that forges proofs, so the model's publisher does). The circuit is compiled (deterministic, cached) and its
 * setup loaded from the zk cache ($CONVERGENCE_HOME/zk), where the publisher's `convergence zk setup --model <name>`
 * (an MLP) or `convergence circuit add <dir>` (a circuit package) put it. A model that ships a published key (risk-v1)
 * gets it from `setupModel`, which installs the published key (its zkey hash pinned) instead of running phase 2; the
 * key loaded must then be the one the manifest pins. Throws ZkSetupMissingError naming the publisher's command when
 * there is no key, PublishedKeyMismatchError when the cache holds another key than the published one.
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
  const published = publishedKeys(model);
  const load = () =>
    loadSetup({ circuit }).catch((error: unknown) => {
      if (!(error instanceof SetupMissingError)) throw error;
      return undefined;
    });
  const vkeyHashOf = async (setup: SetupCircuitReturnType) =>
    `0x${await sha256File({ path: setup.verificationKeyPath })}` as Hex;

  let setup = await load();
  if (published && model.kind === "mlp" && (!setup || (await vkeyHashOf(setup)) !== published.vkeyHash)) {
    // Installs the published key (sha256-checked) into the cache; nothing is written into the repository.
    setup = (await setupModel({ model: model.quantized, name: model.name, verifierDirs: [], onProgress })).setup;
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
  if (published) {
    const received = await vkeyHashOf(setup);
    if (received.toLowerCase() !== published.vkeyHash.toLowerCase()) {
      throw new PublishedKeyMismatchError({
        model: model.name,
        expected: published.vkeyHash,
        received,
        dir: circuit.dir,
      });
    }
  }
  log.info(published ? "zk: published key loaded" : "zk: setup loaded from the cache", {
    model: model.name,
    zkey: setup.zkey,
  });
  return setup;
}
