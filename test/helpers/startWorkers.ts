import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type LaunchWorkerReturnType, launchWorker } from "@convergence/devnet";
import type { Address, Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

export type WorkerSpec = {
  /** A label for its folder and for messages: `fast`, `slow`, ... */
  name: string;
  /** Its own key (WORKER_PRIVATE_KEY): its own ERC-8004 agent, agent wallet and payments. */
  privateKey: Hex;
  /** WORKER_MIN_PRICE (USDC, e.g. "0.17"): the price it advertises and proves at. Default: the worker's own. */
  minPrice?: string;
  /** The chain it talks to, when not the common one (e.g. a startRpcDelayProxy URL, to make it slow). */
  rpcUrl?: string;
  /** Any other worker setting; wins over the ones above. */
  env?: Record<string, string | undefined>;
};

export type StartedWorker = LaunchWorkerReturnType & {
  name: string;
  privateKey: Hex;
  /** Its job database, `<dir>/worker-<name>/jobs.sqlite`. */
  dbPath: string;
};

export type StartWorkersParameters = {
  /** The chain every worker serves (unless its spec names another URL for the same chain). */
  rpcUrl: string;
  /** Holds <chainId>.json for the workers. */
  deploymentsDir: string;
  /** Each worker keeps its store under `<dir>/worker-<name>/`. */
  dir: string;
  workers: readonly WorkerSpec[];
  /**
   * WORKER_PUBLISHERS for every worker: whose ModelRegistry registrations they serve. Default: the first worker's
   * account, which registers risk-v1 on its own start (WORKER_AUTO_REGISTER; a worker is its own default publisher off
   * the devnet), so the others serve that registration rather than each registering one of their own.
   */
  publishers?: readonly Address[];
  /** Every line any worker prints, with its name. */
  onOutput?: (name: string, line: string) => void;
};

export type StartWorkersReturnType = {
  /** In the order of `workers`. */
  workers: StartedWorker[];
  /** Stops every worker still running (SIGTERM, draining; SIGKILL after `graceMs`, default 10 s). Safe to call twice. */
  stop: (graceMs?: number) => Promise<void>;
};

/**
 * Starts K real workers on one chain as `pnpm worker` runs them (launchWorker from @convergence/devnet), each with its
 * own key, agent, free port, job database and price. Keys are always explicit, so the same helper serves the devnet and
 * any other chain. The first starts alone (it may register risk-v1 and install the zk keys), the rest side by side. If
 * one fails to start, those that started are stopped and its error is thrown.
 *
 * @example
 * const { workers, stop } = await startWorkers({ rpcUrl, deploymentsDir, dir,
 *   workers: [{ name: "a", privateKey: keyA, minPrice: "0.2" }, { name: "b", privateKey: keyB, minPrice: "0.17" }] });
 */
export async function startWorkers({
  rpcUrl,
  deploymentsDir,
  dir,
  workers,
  publishers,
  onOutput,
}: StartWorkersParameters): Promise<StartWorkersReturnType> {
  if (workers.length === 0) throw new Error("startWorkers: pass at least one worker");
  const names = new Set(workers.map(({ name }) => name));
  if (names.size !== workers.length) throw new Error("startWorkers: worker names must differ (each names a folder)");
  const served = (publishers ?? [privateKeyToAccount(workers[0]!.privateKey).address]).join(",");
  const started: StartedWorker[] = [];
  const stop = async (graceMs = 10_000) => {
    await Promise.all(started.map((worker) => worker.stop({ signal: "SIGTERM", graceMs })));
  };
  const start = async (spec: WorkerSpec): Promise<StartedWorker> => {
    const store = join(dir, `worker-${spec.name}`);
    mkdirSync(store, { recursive: true });
    const dbPath = join(store, "jobs.sqlite");
    const worker = await launchWorker({
      rpcUrl: spec.rpcUrl ?? rpcUrl,
      deploymentsDir,
      dbPath,
      port: 0,
      stopGraceMs: 10_000,
      env: {
        WORKER_PRIVATE_KEY: spec.privateKey,
        WORKER_PUBLISHERS: served,
        ...(spec.minPrice === undefined ? {} : { WORKER_MIN_PRICE: spec.minPrice }),
        ...spec.env,
      },
      ...(onOutput ? { onOutput: (line: string) => onOutput(spec.name, line) } : {}),
    });
    const named = Object.assign(worker, { name: spec.name, privateKey: spec.privateKey, dbPath });
    started.push(named);
    return named;
  };
  try {
    const first = await start(workers[0]!);
    const rest = await Promise.allSettled(workers.slice(1).map(start));
    const failed = rest.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    return {
      workers: [first, ...rest.map((result) => (result as PromiseFulfilledResult<StartedWorker>).value)],
      stop,
    };
  } catch (error) {
    await stop(5_000);
    throw error;
  }
}
