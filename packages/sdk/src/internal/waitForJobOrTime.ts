import type { Address } from "viem";
import { getJob } from "../actions/inference/getJob.ts";
import type { Job } from "../actions/inference/types.ts";
import type { WriteClient } from "../client/types.ts";
import { AttestationTimeoutError, JobNotFoundError } from "../errors/inference.ts";
import { withAccountLock } from "./withAccountLock.ts";

export type WaitForJobOrTimeParameters = {
  /** The requester: reads the chain and, on an idle chain that mines on demand, sends the transaction that mines a block. */
  client: WriteClient;
  escrow: Address;
  jobId: bigint;
  /** Unix seconds: return "passed" once a block later than this exists and the job is still open. */
  until: bigint;
  /** Date.now() after which to give up with AttestationTimeoutError (the job stays open). */
  timeoutAt: number;
  /** The caller's whole timeout, for the error's message. */
  timeoutMs: number;
  /** How often to read the job and the latest block (default 250 ms). */
  pollingIntervalMs?: number;
};

export type WaitForJobOrTimeReturnType =
  | { status: "fulfilled" | "refunded"; job: Job }
  | { status: "passed"; job: Job; timestamp: bigint };

/**
 * No new block for this long means a chain that mines only when it gets a transaction (Hardhat or anvil automine): a
 * chain with block production has one every few seconds (Ethereum 12 s, Base 2 s).
 */
const IDLE_CHAIN_SECONDS = 15;

/** Failed reads in a row (the latest block, the job) before the node's error is thrown. */
const MAX_FAILED_READS = 5;

/**
 * Waits until the job is settled (fulfilled or refunded) or a block later than `until` exists, as the escrow judges
 * windows and deadlines (`block.timestamp`). Nodes simulate calls (eth_call, eth_estimateGas) on the latest block, so
 * the next worker's fulfil after a window, and a refund after the deadline, simulate as they will execute only once
 * such a block exists. An idle chain that mines on demand has none until someone sends a transaction: once the wall
 * clock says `until` has passed and no new block has come for 15 s, the requester sends itself a zero-value transfer (an
 * ordinary transaction, 21,000 gas) to mine one. A chain with block production never needs it; no evm_* method is used.
 * A failed read is tried again (up to 5 in a row): a node's passing error does not end the wait.
 */
export async function waitForJobOrTime({
  client,
  escrow,
  jobId,
  until,
  timeoutAt,
  timeoutMs,
  pollingIntervalMs = 250,
}: WaitForJobOrTimeParameters): Promise<WaitForJobOrTimeReturnType> {
  let lastNudge = 0;
  let seen = { number: -1n, at: 0 };
  let failedReads = 0;
  for (;;) {
    // The block first, then the job: a job still open after a block past `until` was not settled in time.
    let block: { number: bigint; timestamp: bigint };
    let job: Job;
    try {
      block = await client.getBlock({ blockTag: "latest" });
      job = await getJob({ client, escrow, jobId });
      failedReads = 0;
    } catch (error) {
      // A node's transient failure is read again a few times; a lasting one (or no such job) is thrown.
      failedReads += 1;
      if (error instanceof JobNotFoundError || failedReads >= MAX_FAILED_READS || Date.now() > timeoutAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.max(pollingIntervalMs, 500)));
      continue;
    }
    if (job.status === "fulfilled" || job.status === "refunded") return { status: job.status, job };
    if (block.timestamp > until) return { status: "passed", job, timestamp: block.timestamp };
    if (block.number !== seen.number) seen = { number: block.number, at: Date.now() };
    // Measured from when this block was first seen, not from its timestamp: a devnet that mined many blocks in a
    // second stamps them ahead of the wall clock.
    const idleMs = Date.now() - seen.at;
    const due = Number(block.timestamp) + idleMs / 1000 > Number(until) + 1;
    if (due && idleMs > IDLE_CHAIN_SECONDS * 1000 && Date.now() - lastNudge > 5_000) {
      lastNudge = Date.now();
      // Best effort: a transaction of the same account sent from elsewhere may take the nonce; the next round tries again.
      await withAccountLock({
        address: client.account.address,
        run: () =>
          client
            .sendTransaction({ to: client.account.address, value: 0n })
            .then((hash) => client.waitForTransactionReceipt({ hash, pollingInterval: pollingIntervalMs })),
      }).catch(() => undefined);
      continue;
    }
    if (Date.now() > timeoutAt) throw new AttestationTimeoutError({ jobId, timeoutMs });
    await new Promise((resolve) => setTimeout(resolve, pollingIntervalMs));
  }
}
