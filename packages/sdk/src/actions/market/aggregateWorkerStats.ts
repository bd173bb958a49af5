import { type Address, isAddressEqual } from "viem";
import type { WorkerStats } from "./workerListing.ts";

/** A job whose deadline is further than this from now (seconds) is not counted as load: nobody waits that long. */
export const LOAD_HORIZON_SECONDS = 3600n;

export type AggregateWorkerStatsParameters = {
  /** JobOpened events: the job, who opened it, what it pays, the agent it was reserved for (0n: any) and its deadline. */
  opened: readonly { jobId: bigint; requester: Address; amount: bigint; workerAgentId: bigint; deadline: bigint }[];
  /** JobFulfilled events: the job and the agent that fulfilled it. */
  fulfilled: readonly { jobId: bigint; workerAgentId: bigint }[];
  /** JobRefunded events. */
  refunded: readonly { jobId: bigint }[];
  /** The chain's time (the latest block's timestamp), to tell open jobs from expired ones. */
  now: bigint;
  /**
   * Whose jobs count as load: the requester and the clients it trusts (JobOpened.requester). Anyone can open jobs
   * reserved for a rival for 1 unit to make it look busy; only these requesters' jobs count. Empty: open is always 0.
   */
  trustedClients: readonly Address[];
  /** Each agent's listed price: a job paying less is not counted as its load. An agent without an entry: no floor. */
  prices?: ReadonlyMap<bigint, bigint>;
};

/** Per agent id; an agent no job event names has no entry (all its figures are 0). */
export type AggregateWorkerStatsReturnType = Map<bigint, WorkerStats>;

/**
 * Folds the escrow's job events into per-worker figures: jobs reserved for an agent, jobs it fulfilled, jobs reserved
 * for it that another agent settled or that were refunded (failedOver), and its load (open): jobs reserved for it, not
 * settled, before their deadline, opened by one of `trustedClients`, paying at least its listed price (`prices`), and
 * whose deadline is at most LOAD_HORIZON_SECONDS (one hour) after `now`. The horizon is measured from now, not from the
 * opening block's time (which the events do not carry and would cost a block read per job): a job opened with a far
 * deadline counts only in its last hour. reserved, fulfilled and failedOver count every requester's jobs (shown only,
 * never used to rank). Pure: readWorkerStats reads the events and calls it.
 *
 * @example
 * const stats = aggregateWorkerStats({ opened, fulfilled, refunded, now: block.timestamp, trustedClients: [me] });
 * const open = stats.get(3n)?.open ?? 0;
 */
export function aggregateWorkerStats({
  opened,
  fulfilled,
  refunded,
  now,
  trustedClients,
  prices,
}: AggregateWorkerStatsParameters): AggregateWorkerStatsReturnType {
  const stats = new Map<bigint, WorkerStats>();
  const of = (agentId: bigint): WorkerStats => {
    let entry = stats.get(agentId);
    if (!entry) {
      entry = { reserved: 0, fulfilled: 0, failedOver: 0, open: 0 };
      stats.set(agentId, entry);
    }
    return entry;
  };
  const fulfilledBy = new Map(fulfilled.map(({ jobId, workerAgentId }) => [jobId, workerAgentId]));
  const refundedJobs = new Set(refunded.map(({ jobId }) => jobId));
  for (const { workerAgentId } of fulfilled) of(workerAgentId).fulfilled++;
  const trusted = (requester: Address) => trustedClients.some((client) => isAddressEqual(client, requester));
  for (const { jobId, requester, amount, workerAgentId, deadline } of opened) {
    if (workerAgentId === 0n) continue;
    const entry = of(workerAgentId);
    entry.reserved++;
    const by = fulfilledBy.get(jobId);
    if (refundedJobs.has(jobId) || (by !== undefined && by !== workerAgentId)) entry.failedOver++;
    else if (
      by === undefined &&
      now <= deadline &&
      deadline - now <= LOAD_HORIZON_SECONDS &&
      trusted(requester) &&
      amount >= (prices?.get(workerAgentId) ?? 0n)
    ) {
      entry.open++;
    }
  }
  return stats;
}
