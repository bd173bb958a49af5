import type { WorkerListing } from "@convergence/sdk";
import { describe, expect, it } from "vitest";
import { QuickInferenceUnavailableError } from "../errors/inference.ts";
import { pickQuickOffer } from "./pickQuickOffer.ts";

type Listing = Pick<WorkerListing, "agentId" | "model" | "reputation">;
const listing = (agentId: bigint, x402?: string, trusted = 0): Listing => ({
  agentId,
  model: {
    name: "risk-v1",
    modelId: 1n,
    price: 400_000n,
    ...(x402 === undefined
      ? {}
      : { x402: { price: BigInt(Math.round(Number(x402) * 1e6)), endpoint: `http://worker-${agentId}.test` } }),
  },
  reputation: { count: trusted, successRate: undefined, medianLatencyMs: undefined },
});

describe("pickQuickOffer", () => {
  it("picks the cheapest offer at or below the ceiling, then the most trusted, then the lowest agent id", () => {
    const listings = [
      listing(1n, "0.03"),
      listing(2n, "0.01"),
      listing(3n, "0.01", 5),
      listing(4n),
      listing(5n, "0.01", 5),
    ];
    expect(pickQuickOffer({ listings, model: "risk-v1", maxPrice: 50_000n })).toEqual({
      agentId: 3n,
      price: "0.01",
      priceUnits: 10_000n,
      endpoint: "http://worker-3.test",
    });
    expect(pickQuickOffer({ listings: [listing(1n, "0.05")], model: "risk-v1", maxPrice: 50_000n }).agentId).toBe(1n);
  });
  it("says why none fits: nobody sells the model per call, or everyone asks more than the ceiling", () => {
    expect(() => pickQuickOffer({ listings: [listing(4n)], model: "risk-v1", maxPrice: 50_000n })).toThrow(
      /no worker of the market advertises an x402 price for risk-v1 \(1 serve it for the escrow only\)/,
    );
    expect(() =>
      pickQuickOffer({ listings: [listing(1n, "0.2"), listing(2n, "0.06")], model: "risk-v1", maxPrice: 50_000n }),
    ).toThrow(QuickInferenceUnavailableError);
    expect(() =>
      pickQuickOffer({ listings: [listing(1n, "0.2"), listing(2n, "0.06")], model: "risk-v1", maxPrice: 50_000n }),
    ).toThrow(/the cheapest asks 0.06 USDC/);
    expect(() => pickQuickOffer({ listings: [listing(1n)], model: "risk-v2", maxPrice: 50_000n })).toThrow(
      /no worker of the market advertises an x402 price for risk-v2 \(1 serve it for the escrow only\)/,
    );
  });
});
