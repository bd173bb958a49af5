import type { WorkerListing } from "@convergence/sdk";
import { formatUnits } from "viem";

export type ExplainChoiceParameters = {
  /** The worker chosen. */
  listing: WorkerListing;
  /** The eligible workers in the rule's order (rankWorkers). */
  ranked: readonly WorkerListing[];
};

/**
 * Why the rule put this worker first, in the rule's own terms: "the cheapest of 2 eligible workers (the next asks 0.17
 * USDC)", or, when price did not decide, its place by the rule's later criteria. The ranking itself is chooseWorker's.
 *
 * @example
 * say(`chose agent ${listing.agentId}: ${explainChoice({ listing, ranked })}`);
 */
export function explainChoice({ listing, ranked }: ExplainChoiceParameters): string {
  const position = ranked.findIndex((entry) => entry.agentId === listing.agentId);
  const others = ranked.filter((entry) => entry.agentId !== listing.agentId);
  if (position < 0) return "the next eligible worker";
  if (others.length === 0) return "the only eligible worker";
  if (others.every((other) => listing.model.price < other.model.price)) {
    return `the cheapest of ${ranked.length} eligible workers (the next asks ${formatUnits(others[0]!.model.price, 6)} USDC)`;
  }
  return `${position === 0 ? "first" : `number ${position + 1}`} of ${ranked.length} eligible workers by the rule (price, then open jobs, success rate, median latency, agent id)`;
}
