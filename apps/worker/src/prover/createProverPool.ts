import { createThreadPool } from "./createThreadPool.ts";
import type { ProveResult, Prover, ProveTask } from "./types.ts";

export type CreateProverPoolParameters = {
  /** Proofs at the same time, one worker thread each. */
  size: number;
  onCrash?: (reason: string) => void;
};

export type ProverPool = Prover & {
  busy(): number;
  size: number;
  close(): Promise<void>;
};

export type CreateProverPoolReturnType = ProverPool;

/**
 * `size` worker threads that prove jobs with Groth16 (src/prover/proverThread.ts), so proving never blocks the HTTP
 * server or the chain watcher. The circuit's setup must exist (`ensureZkSetup`); a thread that crashes is replaced.
 *
 * @example
 * const pool = createProverPool({ size: 1 });
 * const { output, calldata, proveMs } = await pool.prove({ model: "risk-v1", quantized, input, salt, binding });
 */
export function createProverPool({ size, onCrash }: CreateProverPoolParameters): CreateProverPoolReturnType {
  const pool = createThreadPool<ProveTask, ProveResult>({
    size,
    script: new URL("./proverThread.ts", import.meta.url),
    ...(onCrash ? { onCrash } : {}),
  });
  return { prove: (task) => pool.run(task), busy: pool.busy, size, close: pool.close };
}
