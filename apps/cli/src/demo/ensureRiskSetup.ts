import { loadModel } from "@convergence/models";
import { type SetupCircuitReturnType, setupModel } from "@convergence/zk";
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
 * Makes sure the model's circuit is compiled and has its Groth16 keys, cached under $CONVERGENCE_HOME/zk keyed by the
 * circuit: the model's published keys when it ships them, else a phase 2 over the committed development ptau whose
 * contribution the publisher signs. The first run takes tens of seconds; later runs find
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
  const { manifest, quantized, publishedKeys } = await loadModel({ name: model });
  const report = ({ message }: { message: string }) => onProgress?.(message);
  // setupModel installs the model's published keys when it ships them (risk-v1 does: no phase 2 on a first run);
  // the verifier goes nowhere: the demo compiles it from the key when it registers.
  const { setup } = await setupModel({
    ...(publishedKeys ? { published: publishedKeys } : {}),
    model: quantized,
    name: manifest.name,
    contributor,
    verifierDirs: [],
    onProgress: report,
  });
  return { setup, cached: setup.cached, ms: Date.now() - start };
}
