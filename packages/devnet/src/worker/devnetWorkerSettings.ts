import { join } from "node:path";
import { DEVNET_MAX_WORKERS, devnetWorkerAccount } from "@convergence/contracts";
import { type Address, toHex } from "viem";
import { DevnetWorkersError } from "../errors/worker.ts";

/** USDC the cheapest devnet worker asks per job when several run: the worker's own default floor (0.16). */
const CHEAPEST_PRICE_MICRO = 160_000;
/** How much dearer each earlier worker is, in USDC base units (0.01 USDC). */
const PRICE_STEP_MICRO = 10_000;

export type DevnetWorkerSettingsParameters = {
  /** The worker's number, 0..workers-1 (0 is the devnet's usual worker, Hardhat account #2). */
  worker: number;
  /** How many workers the devnet runs (1..DEVNET_MAX_WORKERS). */
  workers: number;
  /** The first worker's port: worker i listens on port + i; 0 = any free port for every worker. */
  port: number;
  /** Where workers >= 1 keep their job database: `<storeRoot>/worker-<i>/jobs.sqlite` (usually $CONVERGENCE_HOME). */
  storeRoot: string;
};

export type DevnetWorkerSettingsReturnType = {
  worker: number;
  /** The devnet account it signs with, registers its agent from and is paid to (worker 0: unless WORKER_PRIVATE_KEY is set). */
  account: Address;
  port: number;
  /** Its job database; undefined for worker 0, which keeps the caller's usual path. */
  dbPath: string | undefined;
  /** Its price floor in USDC (a decimal string), or undefined when it keeps the worker's default (one worker). */
  minPrice: string | undefined;
  /** The worker settings to launch it with: WORKER_PRIVATE_KEY (workers >= 1), WORKER_MIN_PRICE (several workers). */
  env: Record<string, string>;
};

/**
 * The settings of devnet worker `worker` of `workers`: its own key (`devnetWorkerAccount`), so its own ERC-8004 agent
 * and payments; port `port + worker`; its own job database; and, when several run, a price floor that differs a
 * little from the others' (the last worker asks the default 0.16 USDC, each earlier one 0.01 more) so a requester's
 * choice is visible and is not simply the first worker. One worker alone runs exactly as `pnpm worker` would.
 * Throws `DevnetWorkersError` for a worker count outside 1..DEVNET_MAX_WORKERS or a worker number outside it.
 *
 * @example
 * const settings = devnetWorkerSettings({ worker: 1, workers: 2, port: 8080, storeRoot: convergenceHome() });
 * await launchWorker({ rpcUrl, port: settings.port, dbPath: settings.dbPath, env: settings.env });
 */
export function devnetWorkerSettings({
  worker,
  workers,
  port,
  storeRoot,
}: DevnetWorkerSettingsParameters): DevnetWorkerSettingsReturnType {
  if (!Number.isInteger(workers) || workers < 1 || workers > DEVNET_MAX_WORKERS) {
    throw new DevnetWorkersError({ problem: `${workers} workers`, max: DEVNET_MAX_WORKERS });
  }
  if (!Number.isInteger(worker) || worker < 0 || worker >= workers) {
    throw new DevnetWorkersError({ problem: `worker ${worker} of ${workers}`, max: DEVNET_MAX_WORKERS });
  }
  const account = devnetWorkerAccount({ worker });
  const minPrice =
    workers === 1 ? undefined : formatMicro(CHEAPEST_PRICE_MICRO + PRICE_STEP_MICRO * (workers - 1 - worker));
  return {
    worker,
    account: account.address,
    port: port === 0 ? 0 : port + worker,
    dbPath: worker === 0 ? undefined : join(storeRoot, `worker-${worker}`, "jobs.sqlite"),
    minPrice,
    env: {
      // Worker 0 is the worker role: it resolves its key as `pnpm worker` does (WORKER_PRIVATE_KEY, else #2).
      ...(worker === 0 ? {} : { WORKER_PRIVATE_KEY: toHex(account.getHdKey().privateKey!) }),
      ...(minPrice === undefined ? {} : { WORKER_MIN_PRICE: minPrice }),
    },
  };
}

function formatMicro(micro: number): string {
  return (micro / 1_000_000).toFixed(2);
}
