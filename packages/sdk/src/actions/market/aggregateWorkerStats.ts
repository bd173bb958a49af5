import type { WorkerStats } from "./workerListing.ts";

export type AggregateWorkerStatsParameters = {
  /** JobOpened events: the job, the agent it was reserved for (0n: any) and its deadline. */
  opened: readonly { jobId: bigint; workerAgentId: bigint; deadline: bigint }[];
  /** JobFulfilled events: the job and the agent that fulfilled it. */
  fulfilled: readonly { jobId: bigint; workerAgentId: bigint }[];
  /** JobRefunded events. */
  refunded: readonly { jobId: bigint }[];
  /** The chain's time (the latest block's timestamp), to tell open jobs from expired ones. */
  now: bigint;
};

/** Per agent id; an agent no job event names has no entry (all its figures are 0). */
export type AggregateWorkerStatsReturnType = Map<bigint, WorkerStats>;

/**
 * Folds the escrow's job events into per-worker figures: jobs reserved for an agent, jobs it fulfilled, jobs reserved
 * for it that another agent settled or that were refunded (failedOver), and jobs reserved for it still open before
 * their deadline (open, its load). Pure: readWorkerStats reads the events and calls it.
 *
 * @example
 * const stats = aggregateWorkerStats({ opened, fulfilled, refunded, now: block.timestamp });
 * const open = stats.get(3n)?.open ?? 0;
 */
export function aggregateWorkerStats({
  opened,
  fulfilled,
  refunded,
  now,
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
  for (const { jobId, workerAgentId, deadline } of opened) {
    if (workerAgentId === 0n) continue;
    const entry = of(workerAgentId);
    entry.reserved++;
    const by = fulfilledBy.get(jobId);
    if (refundedJobs.has(jobId) || (by !== undefined && by !== workerAgentId)) entry.failedOver++;
    else if (by === undefined && now <= deadline) entry.open++;
  }
  return stats;
}
