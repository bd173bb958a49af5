import { type ExportVerifierReturnType, type SetupCircuitReturnType, setupModel } from "@convergence/zk";
import type { ServedModel } from "../inference/types.ts";
import type { Logger } from "../log/createLogger.ts";

export type EnsureZkSetupParameters = {
  model: ServedModel;
  log: Logger;
};

export type EnsureZkSetupReturnType = {
  setup: SetupCircuitReturnType;
  /** The model's Groth16 verifier source (snarkjs template), to deploy when the model is not registered yet. */
  verifier: ExportVerifierReturnType;
};

/**
 * Makes sure the model's circuit is compiled and has its Groth16 setup (phase 2 cached under $CONVERGENCE_HOME/zk,
 * keyed by the circuit), printing progress: the first run of a shape takes tens of seconds, later runs reuse the cache.
 * The verifier source is exported in memory only; nothing is written into the repository.
 *
 * @example
 * const { setup } = await ensureZkSetup({ model, log });
 */
export async function ensureZkSetup({ model, log }: EnsureZkSetupParameters): Promise<EnsureZkSetupReturnType> {
  const { setup, verifier } = await setupModel({
    model: model.quantized,
    name: model.name,
    verifierDirs: [],
    onProgress: ({ message, elapsedMs }) => log.info(`zk setup: ${message}`, { ms: elapsedMs }),
  });
  log.info(setup.cached ? "zk setup found in cache" : "zk setup done", { model: model.name, zkey: setup.zkey });
  return { setup, verifier };
}
