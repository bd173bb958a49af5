import { workerIneligibility } from "./workerIneligibility.ts";
import type { WorkerListing } from "./workerListing.ts";

export type ChooseWorkerParameters = {
  /** The workers serving the pinned model (discoverWorkers). */
  listings: readonly WorkerListing[];
  /** The most the requester pays for the job, in token base units: the job's amount. */
  maxPrice: bigint;
  /** Least success rate, in percent, of a worker that has trusted feedback (default 80). */
  reputationFloor?: number;
  /** Agent ids not to choose (the workers already tried for this job). */
  exclude?: readonly bigint[];
};
export type ChooseWorkerReturnType = WorkerListing | undefined;

/**
 * The market's choice rule. Eligible: the worker's price for the model is at most `maxPrice`, it is not in `exclude`,
 * and it has no trusted feedback yet or a success rate of at least `reputationFloor` percent (default 80) over the
 * clients the requester trusts. Among the eligible, the first by:
 * 1. lowest price;
 * 2. fewest open jobs reserved for it (its load, from the escrow's events);
 * 3. higher success rate (a worker without trusted feedback after one with);
 * 4. lower median latency (one without after one with);
 * 5. lower agent id.
 * Objective figures other than the load (failed-over jobs) are shown, never used: anyone can open jobs reserved for a
 * worker and never deliver the input. Returns undefined when no worker is eligible (workerIneligibility says why).
 *
 * @example
 * const chosen = chooseWorker({ listings, maxPrice: 2_000_000n, reputationFloor: 80, exclude: [3n] });
 */
export function chooseWorker({
  listings,
  maxPrice,
  reputationFloor = 80,
  exclude = [],
}: ChooseWorkerParameters): ChooseWorkerReturnType {
  const eligible = listings.filter(
    (listing) => workerIneligibility({ listing, maxPrice, reputationFloor, exclude }) === undefined,
  );
  return eligible.sort(compareListings)[0];
}

/** Negative when `a` ranks before `b` under the rule above. */
function compareListings(a: WorkerListing, b: WorkerListing): number {
  return (
    compareBigints(a.model.price, b.model.price) ||
    a.stats.open - b.stats.open ||
    compareDefinedFirst(a.reputation.successRate, b.reputation.successRate, (x, y) => y - x) ||
    compareDefinedFirst(a.reputation.medianLatencyMs, b.reputation.medianLatencyMs, (x, y) => x - y) ||
    compareBigints(a.agentId, b.agentId)
  );
}

function compareBigints(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareDefinedFirst(
  a: number | undefined,
  b: number | undefined,
  compare: (x: number, y: number) => number,
): number {
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  return compare(a, b);
}
