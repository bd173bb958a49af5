import { chooseWorker, type WorkerListing, workerIneligibility } from "@convergence/sdk";

export type RankWorkersParameters = {
  listings: readonly WorkerListing[];
  /** The most a job pays, in token base units. */
  maxPrice: bigint;
  reputationFloor?: number;
};

export type RankWorkersReturnType = {
  /** The eligible workers in the order the rule tries them: the first is the one it chooses. */
  ranked: WorkerListing[];
  /** The others, each with why the rule cannot choose it. */
  ineligible: { listing: WorkerListing; reason: string }[];
};

/**
 * The order in which the market tries the workers for one job: chooseWorker's pick, then its pick with that one
 * excluded (as requestInference does on failover), and so on; the rule itself stays chooseWorker's (the SDK owns it).
 *
 * @example
 * const { ranked, ineligible } = rankWorkers({ listings, maxPrice: 2_000_000n });
 * console.log(`chosen: agent ${ranked[0]?.agentId}`);
 */
export function rankWorkers({ listings, maxPrice, reputationFloor }: RankWorkersParameters): RankWorkersReturnType {
  const floor = reputationFloor === undefined ? {} : { reputationFloor };
  const ranked: WorkerListing[] = [];
  for (;;) {
    const next = chooseWorker({ listings, maxPrice, ...floor, exclude: ranked.map((listing) => listing.agentId) });
    if (next === undefined) break;
    ranked.push(next);
  }
  const ineligible = listings
    .filter((listing) => !ranked.includes(listing))
    .map((listing) => ({ listing, reason: workerIneligibility({ listing, maxPrice, ...floor }) ?? "not eligible" }));
  return { ranked, ineligible };
}
