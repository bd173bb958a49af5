import type { WorkerListing } from "@convergence/sdk";
import { formatUnits } from "viem";
import { formatPercent } from "./formatPercent.ts";
import { stripControlCharacters } from "./stripControlCharacters.ts";

/**
 * One line of facts about a listed worker, as `workers list`, `job open` and the demo print them (the worker's URL
 * without control characters):
 * `agent 2 at http://127.0.0.1:8081: 0.16 USDC, 3 feedback (100% success, median 2140 ms), 0 open jobs`.
 *
 * @example
 * process.stderr.write(`${describeListing({ listing })}\n`);
 */
export function describeListing({ listing }: { listing: WorkerListing }): string {
  const { count, successRate, medianLatencyMs } = listing.reputation;
  const reputation =
    count === 0
      ? "no trusted feedback yet"
      : `${count} feedback (${successRate === undefined ? "?" : `${formatPercent(successRate)} success`}${medianLatencyMs === undefined ? "" : `, median ${Math.round(medianLatencyMs)} ms`})`;
  return `agent ${listing.agentId} at ${stripControlCharacters({ text: listing.url })}: ${formatUnits(listing.model.price, 6)} USDC, ${reputation}, ${listing.stats.open} open job${listing.stats.open === 1 ? "" : "s"}`;
}
