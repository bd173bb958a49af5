import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LaunchWorkerReturnType, launchWorker } from "@convergence/devnet";

export type StartWorkerParameters = {
  rpcUrl: string;
  /** WORKER_MODELS: the models and circuit packages to serve (default: the worker's, risk-v1). */
  models?: string[];
};

export type StartWorkerReturnType = LaunchWorkerReturnType;

/**
 * The workshop's way to run the inference worker: `launchWorker` (as `pnpm worker`, its own process, any free port)
 * with a fresh job database that `stop` deletes, and only its warnings and errors shown here. On its first start
 * against a chain the worker registers itself and risk-v1.
 *
 * @example
 * const worker = await startWorker({ rpcUrl });
 * await worker.stop();
 */
export async function startWorker({ rpcUrl, models }: StartWorkerParameters): Promise<StartWorkerReturnType> {
  const dir = mkdtempSync(join(tmpdir(), "convergence-workshop-worker-"));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  try {
    const worker = await launchWorker({
      rpcUrl,
      dbPath: join(dir, "jobs.sqlite"),
      env: { WORKER_LOG_LEVEL: "warn", ...(models ? { WORKER_MODELS: models.join(",") } : {}) },
      onOutput: (line, stream) => {
        if (stream === "stderr") process.stderr.write(`${line}\n`);
      },
    });
    return {
      ...worker,
      stop: async (parameters) => {
        try {
          return await worker.stop(parameters);
        } finally {
          removeDir();
        }
      },
    };
  } catch (error) {
    removeDir();
    throw error;
  }
}
