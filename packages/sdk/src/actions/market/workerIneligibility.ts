import type { WorkerListing } from "./workerListing.ts";

export type WorkerIneligibilityParameters = {
  listing: WorkerListing;
  /** The most the requester pays for the job, in token base units. */
  maxPrice: bigint;
  /** Least success rate, in percent, of a worker that has trusted feedback (default 80). */
  reputationFloor?: number;
  /** Agent ids not to choose (the workers already tried). */
  exclude?: readonly bigint[];
};
/** Why the worker cannot be chosen, or undefined when it can. */
export type WorkerIneligibilityReturnType = string | undefined;

/**
 * The eligibility half of chooseWorker's rule, with the reason a person reads: a price above `maxPrice`, an excluded
 * agent, or trusted feedback whose success rate is below the floor. A worker without trusted feedback is eligible.
 *
 * @example
 * const why = workerIneligibility({ listing, maxPrice: 2_000_000n }); // "price 2500000 is above the 2000000 paid"
 */
export function workerIneligibility({
  listing,
  maxPrice,
  reputationFloor = 80,
  exclude = [],
}: WorkerIneligibilityParameters): WorkerIneligibilityReturnType {
  if (exclude.includes(listing.agentId)) return "already tried for this job";
  if (listing.model.price > maxPrice) {
    return `price ${listing.model.price} base units is above the ${maxPrice} the job pays`;
  }
  const { count, successRate } = listing.reputation;
  if (count > 0 && successRate !== undefined && successRate < reputationFloor) {
    return `success rate ${successRate}% over ${count} trusted feedback is below the floor of ${reputationFloor}%`;
  }
  return undefined;
}
