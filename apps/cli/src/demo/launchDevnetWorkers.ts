import { devnetWorkerSettings, type LaunchWorkerReturnType, launchWorker } from "@convergence/devnet";

export type LaunchDevnetWorkersParameters = {
  rpcUrl: string;
  /** Holds <chainId>.json for the workers to read. */
  deploymentsDir: string;
  /** How many workers (1..8), each with its own key, agent, port, store and price (devnetWorkerSettings). */
  count: number;
  host?: string;
  /** The first worker's port: worker i listens on port + i (0 = any free port for each). */
  port?: number;
  /** Worker 0's job database (the devnet's usual path). */
  dbPath: string;
  /** Where workers >= 1 keep theirs: `<storeRoot>/worker-<i>/jobs.sqlite`. */
  storeRoot: string;
  /** Settings every worker gets besides its own (e.g. the x402 price and facilitator: startDevnetFacilitator). */
  env?: Record<string, string>;
};

export type LaunchDevnetWorkersReturnType = {
  /** Worker i at index i, with the price floor it was given (undefined: the worker's default). */
  workers: (LaunchWorkerReturnType & { minPrice: string | undefined })[];
  /** Stops every worker that started (draining). Safe to call twice. */
  stop: () => Promise<void>;
};

/**
 * Starts `count` devnet workers side by side (most of a start is waiting on the chain; each registers its own ERC-8004
 * agent from its own account) and resolves once all serve. If one fails to start, the others are stopped and its
 * error is thrown.
 *
 * @example
 * const { workers, stop } = await launchDevnetWorkers({ rpcUrl, deploymentsDir, count: 2, dbPath, storeRoot: runDir });
 */
export async function launchDevnetWorkers({
  rpcUrl,
  deploymentsDir,
  count,
  host,
  port = 0,
  dbPath,
  storeRoot,
  env = {},
}: LaunchDevnetWorkersParameters): Promise<LaunchDevnetWorkersReturnType> {
  const settings = Array.from({ length: count }, (_, worker) =>
    devnetWorkerSettings({ worker, workers: count, port, storeRoot }),
  );
  const launched: LaunchWorkerReturnType[] = [];
  const stop = async () => {
    await Promise.all(launched.splice(0).map((worker) => worker.stop()));
  };
  const results = await Promise.allSettled(
    settings.map(async (worker) => {
      const started = await launchWorker({
        rpcUrl,
        deploymentsDir,
        dbPath: worker.dbPath ?? dbPath,
        ...(host === undefined ? {} : { host }),
        port: worker.port,
        env: { ...env, ...worker.env },
        stopGraceMs: 10_000,
      });
      launched.push(started);
      return Object.assign(started, { minPrice: worker.minPrice });
    }),
  );
  const failed = results.find((result) => result.status === "rejected");
  if (failed) {
    await stop();
    throw failed.reason;
  }
  return {
    workers: results.map(
      (result) => (result as PromiseFulfilledResult<LaunchDevnetWorkersReturnType["workers"][number]>).value,
    ),
    stop,
  };
}
