import type { WorkerListing } from "@convergence/sdk";
import { formatUnits } from "viem";
import { QuickInferenceUnavailableError } from "../errors/inference.ts";
import { tokenDecimals } from "../intent/types.ts";

export type PickQuickOfferParameters = {
  /** The market's listings (discoverWorkers). */
  listings: readonly Pick<WorkerListing, "agentId" | "model" | "reputation">[];
  /** The model's name, for the error message (the listings already serve the pinned model). */
  model: string;
  /** The user's ceiling, in USDC base units. */
  maxPrice: bigint;
};

/** The chosen worker's x402 offer, as its registration advertises it. */
export type PickQuickOfferReturnType = {
  agentId: bigint;
  /** Decimal USDC, e.g. "0.01". */
  price: string;
  priceUnits: bigint;
  /** Where paid calls go. */
  endpoint: string;
};

/**
 * The market's cheapest x402 offer for a model at or below the ceiling: among the listings whose registration advertises
 * an `x402` price for the model, the lowest price, then the most trusted feedback, then the lowest agent id. Throws
 * QuickInferenceUnavailableError naming why none fits (nobody sells it per call, or everyone asks more).
 *
 * @example
 * const offer = pickQuickOffer({ listings, model: "risk-v1", maxPrice: 50_000n }); // { agentId: 1n, price: "0.01", ... }
 */
export function pickQuickOffer({ listings, model, maxPrice }: PickQuickOfferParameters): PickQuickOfferReturnType {
  // discoverWorkers matched each listing's registration entry to the pin and carries its x402 offer (the one owner).
  const offers = listings.flatMap(({ agentId, model: entry, reputation }) => {
    if (!entry.x402) return [];
    return [
      {
        agentId,
        price: formatUnits(entry.x402.price, tokenDecimals.USDC),
        priceUnits: entry.x402.price,
        endpoint: entry.x402.endpoint,
        trusted: reputation.count,
      },
    ];
  });
  const order = (a: bigint, b: bigint) => Number(a > b) - Number(a < b);
  const affordable = offers
    .filter((offer) => offer.priceUnits <= maxPrice)
    .sort((a, b) => order(a.priceUnits, b.priceUnits) || b.trusted - a.trusted || order(a.agentId, b.agentId));
  const best = affordable[0];
  if (!best) {
    const cheapest = [...offers].sort((a, b) => order(a.priceUnits, b.priceUnits))[0];
    throw new QuickInferenceUnavailableError({
      problem: cheapest
        ? `every worker selling ${model} per call asks more than the ceiling (the cheapest asks ${cheapest.price} USDC).`
        : `no worker of the market advertises an x402 price for ${model} (${listings.length} serve it for the escrow only).`,
      fix: "Raise the ceiling, start a worker with WORKER_X402_PRICE, or ask for a verified answer (request_verified_inference).",
    });
  }
  const { trusted: _trusted, ...offer } = best;
  return offer;
}
