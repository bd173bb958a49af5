import { loadModel } from "@convergence/models";
import { compileCircuit, modelShape, type SetupCircuitReturnType, setupCircuit } from "@convergence/zk";
import type { LocalAccount } from "viem";

export type EnsureRiskSetupParameters = {
  /** Default "risk-v1". */
  model?: string;
  /** The publisher, who signs a phase 2 made now (never the worker: it must not hold the setup's secrets). */
  contributor: LocalAccount;
  onProgress?: (message: string) => void;
};

export type EnsureRiskSetupReturnType = {
  setup: SetupCircuitReturnType;
  /** True when the keys came from $CONVERGENCE_HOME/zk (no setup ran). */
  cached: boolean;
  ms: number;
};

/**
 * Makes sure the model's circuit is compiled and has its Groth16 keys: the committed development ptau (phase 1) and a
 * phase 2 cached under $CONVERGENCE_HOME/zk, keyed by the circuit, whose contribution the publisher signs. The first run takes tens of seconds; later runs find
 * the cache. The worker then finds the same keys.
 *
 * @example
 * const { cached } = await ensureRiskSetup({ contributor: publisher, onProgress: console.log });
 */
export async function ensureRiskSetup({
  model = "risk-v1",
  contributor,
  onProgress,
}: EnsureRiskSetupParameters): Promise<EnsureRiskSetupReturnType> {
  const start = Date.now();
  const { quantized } = await loadModel({ name: model });
  const report = ({ message }: { message: string }) => onProgress?.(message);
  const circuit = await compileCircuit({ shape: modelShape({ model: quantized }), onProgress: report });
  const setup = await setupCircuit({ circuit, onProgress: report });
  return { setup, cached: setup.cached, ms: Date.now() - start };
}
