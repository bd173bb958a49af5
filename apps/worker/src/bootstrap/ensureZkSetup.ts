import { compileCircuit, modelShape, type SetupCircuitReturnType, setupCircuit } from "@convergence/zk";
import type { ServedModel } from "../inference/types.ts";
import type { Logger } from "../log/createLogger.ts";

export type EnsureZkSetupParameters = {
  model: ServedModel;
  log: Logger;
};

export type EnsureZkSetupReturnType = SetupCircuitReturnType;

/**
 * Makes sure the model's circuit is compiled and has its Groth16 setup (phase 2 cached under $CONVERGENCE_HOME/zk,
 * keyed by the circuit), printing progress: the first run of a shape takes tens of seconds, later runs reuse the cache.
 *
 * @example
 * const { zkey, verificationKeyPath } = await ensureZkSetup({ model, log });
 */
export async function ensureZkSetup({ model, log }: EnsureZkSetupParameters): Promise<EnsureZkSetupReturnType> {
  const onProgress = ({ message, elapsedMs }: { message: string; elapsedMs: number }) =>
    log.info(`zk setup: ${message}`, { ms: elapsedMs });
  const circuit = await compileCircuit({ shape: modelShape({ model: model.quantized }), onProgress });
  const setup = await setupCircuit({ circuit, onProgress });
  log.info(setup.cached ? "zk setup found in cache" : "zk setup done", { model: model.name, zkey: setup.zkey });
  return setup;
}
