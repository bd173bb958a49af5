import { getOpenedJobs, type ReadClient } from "@convergence/sdk";
import type { Address, Hex } from "viem";
import type { Logger } from "../log/createLogger.ts";
import type { JobStore } from "../store/openJobStore.ts";
import type { JobTerms } from "../store/types.ts";

export type CreateChainWatcherParameters = {
  client: ReadClient;
  escrow: Address;
  store: JobStore;
  /** Where to start when the store has no cursor yet: the deployment record's `startBlock`. */
  startBlock: bigint;
  /** The genesis hash the worker started on; a different one means the chain was reset. */
  genesisHash: Hex;
  /** Blocks a JobOpened must be buried under before it is recorded (0 on the devnet). */
  confirmations: number;
  /** Blocks per eth_getLogs call. */
  logRange: number;
  pollIntervalMs: number;
  /** Called with the jobs of each scanned range, after they and the cursor are stored. */
  onJobs?: (jobs: JobTerms[]) => void;
  /** Called once when the genesis block changed: the watcher stops. */
  onReset: (genesisHash: Hex) => void;
  log: Logger;
};

export type ChainWatcherStatus = {
  /** The latest block seen. */
  head: bigint | undefined;
  /** The next block to scan. */
  cursor: bigint | undefined;
  lastPollAt: number | undefined;
  /** The last poll's error, cleared by the next successful poll. */
  lastError: string | undefined;
};

export type ChainWatcher = {
  start(): void;
  /** Stops polling and waits for a poll under way. */
  stop(): Promise<void>;
  /** One poll now (the loop calls it; tests and startup call it directly). */
  poll(): Promise<void>;
  status(): ChainWatcherStatus;
};

export type CreateChainWatcherReturnType = ChainWatcher;

/**
 * Follows InferenceEscrow's JobOpened events (the SDK's getOpenedJobs) from a block cursor kept in the store: each
 * range's jobs and the new cursor are written in one transaction, so after a restart (even a SIGKILL) the watcher
 * neither misses a job nor records one twice. Every poll also checks the chain's genesis block: a reset chain (a
 * restarted devnet node) is reported once through `onReset` instead of being mistaken for the old one.
 *
 * @example
 * const watcher = createChainWatcher({ client, escrow, store, startBlock, genesisHash, confirmations: 0, logRange: 2000,
 *   pollIntervalMs: 250, onJobs, onReset, log });
 * watcher.start();
 */
export function createChainWatcher({
  client,
  escrow,
  store,
  startBlock,
  genesisHash,
  confirmations,
  logRange,
  pollIntervalMs,
  onJobs = () => {},
  onReset,
  log,
}: CreateChainWatcherParameters): CreateChainWatcherReturnType {
  const status: ChainWatcherStatus = {
    head: undefined,
    cursor: undefined,
    lastPollAt: undefined,
    lastError: undefined,
  };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;
  let reset = false;

  const scan = async () => {
    const [head, genesis] = await Promise.all([client.getBlockNumber(), client.getBlock({ blockNumber: 0n })]);
    if (genesis.hash !== genesisHash) {
      reset = true;
      stopped = true;
      onReset(genesis.hash);
      return;
    }
    status.head = head;
    const safe = head - BigInt(confirmations);
    let cursor = store.getCursor() ?? startBlock;
    while (cursor <= safe && !stopped) {
      const to = cursor + BigInt(logRange) - 1n < safe ? cursor + BigInt(logRange) - 1n : safe;
      const opened = await getOpenedJobs({ client, escrow, fromBlock: cursor, toBlock: to });
      const jobs: JobTerms[] = opened.map(({ blockNumber, transactionHash, ...terms }) => ({
        ...terms,
        openedBlock: blockNumber,
        openedTx: transactionHash,
      }));
      store.recordOpened({ jobs, nextBlock: to + 1n });
      cursor = to + 1n;
      if (jobs.length > 0) {
        log.info("jobs opened", { jobs: jobs.map((job) => job.jobId).join(","), block: to });
        onJobs(jobs);
      }
    }
    status.cursor = cursor;
  };

  const poll = async () => {
    if (running) return running;
    running = scan()
      .then(() => {
        if (status.lastError) log.info("chain reachable again", { rpc: "ok" });
        status.lastError = undefined;
      })
      .catch((error: unknown) => {
        const message =
          error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : String(error);
        if (status.lastError !== message) log.warn("chain poll failed", { error: message });
        status.lastError = message;
      })
      .finally(() => {
        status.lastPollAt = Date.now();
        running = undefined;
      });
    return running;
  };

  const loop = async () => {
    await poll();
    if (!stopped) timer = setTimeout(loop, pollIntervalMs);
  };

  return {
    start() {
      if (!stopped || reset) return;
      stopped = false;
      void loop();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    poll,
    status: () => ({ ...status }),
  };
}
