import type { Address } from "viem";
import { getJob } from "../actions/inference/getJob.ts";
import type { Job } from "../actions/inference/types.ts";
import type { WriteClient } from "../client/types.ts";
import { AttestationTimeoutError } from "../errors/inference.ts";

export type WaitForJobOrTimeParameters = {
  /** The requester: reads the chain, and on a chain that mines only on demand sends the transaction that mines a block. */
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
 * A latest block older than this while `until` has passed on the wall clock means the node mines only when it gets a
 * transaction (Hardhat or anvil automine): a chain with block production has a block every few seconds (Ethereum 12 s).
 */
const IDLE_CHAIN_SECONDS = 15;

/**
 * Waits until the job is settled (fulfilled or refunded) or the chain's time, judged by the latest block's timestamp
 * as the escrow judges windows and deadlines, is past `until`. A chain that mines only on demand has no block after
 * `until` until someone sends a transaction: once the wall clock is past `until` and the latest block is older than 15
 * s, the requester sends itself a zero-value transfer (an ordinary transaction, 21,000 gas) to mine one; on a chain
 * with block production that never happens. No evm_* or hardhat_* method is used.
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
  for (;;) {
    const job = await getJob({ client, escrow, jobId });
    if (job.status === "fulfilled" || job.status === "refunded") return { status: job.status, job };
    const { timestamp } = await client.getBlock();
    if (timestamp > until) return { status: "passed", job, timestamp };
    const wallClock = Date.now() / 1000;
    if (
      wallClock > Number(until) + 1 &&
      wallClock - Number(timestamp) > IDLE_CHAIN_SECONDS &&
      Date.now() - lastNudge > 5_000
    ) {
      lastNudge = Date.now();
      // Best effort: a concurrent transaction from the same account may take the nonce; the next poll tries again.
      await client
        .sendTransaction({ to: client.account.address, value: 0n })
        .then((hash) => client.waitForTransactionReceipt({ hash }))
        .catch(() => undefined);
      continue;
    }
    if (Date.now() > timeoutAt) {
      throw new AttestationTimeoutError({ jobId, timeoutMs });
    }
    await new Promise((resolve) => setTimeout(resolve, pollingIntervalMs));
  }
}
