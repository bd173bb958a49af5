import { describe, expect, it } from "vitest";
import { chooseWorker } from "./chooseWorker.ts";
import { workerIneligibility } from "./workerIneligibility.ts";
import type { WorkerListing } from "./workerListing.ts";

/** A listing with only what the rule reads; the rest is a fixed stand-in. */
const listing = ({
  agentId,
  price = 500_000n,
  open = 0,
  count = 0,
  successRate,
  medianLatencyMs,
}: {
  agentId: bigint;
  price?: bigint;
  open?: number;
  count?: number;
  successRate?: number;
  medianLatencyMs?: number;
}): WorkerListing =>
  ({
    agentId,
    owner: "0x0000000000000000000000000000000000000001",
    wallet: "0x0000000000000000000000000000000000000002",
    url: `http://127.0.0.1:${8080 + Number(agentId)}`,
    registration: {} as WorkerListing["registration"],
    model: { name: "risk-v1", modelId: 1n, price },
    reputation: { count, successRate, medianLatencyMs },
    validations: 0,
    stats: { reserved: 0, fulfilled: 0, failedOver: 0, open },
  }) satisfies WorkerListing;

const ids = (listings: readonly WorkerListing[], maxPrice = 2_000_000n, exclude: bigint[] = []) =>
  chooseWorker({ listings, maxPrice, exclude })?.agentId;

describe("chooseWorker: the documented rule", () => {
  it("takes the lowest price first, whatever the load, reputation or id", () => {
    expect(
      ids([
        listing({ agentId: 1n, price: 600_000n, count: 9, successRate: 100, medianLatencyMs: 900 }),
        listing({ agentId: 7n, price: 400_000n, open: 5 }),
        listing({ agentId: 2n, price: 500_000n }),
      ]),
    ).toBe(7n);
  });

  it("at the same price: fewest open jobs, then higher success rate, then lower latency, then lower agent id", () => {
    const base = { price: 500_000n };
    expect(ids([listing({ agentId: 1n, ...base, open: 2 }), listing({ agentId: 2n, ...base, open: 1 })])).toBe(2n);
    expect(
      ids([
        listing({ agentId: 1n, ...base, count: 5, successRate: 90 }),
        listing({ agentId: 2n, ...base, count: 5, successRate: 100 }),
      ]),
    ).toBe(2n);
    // A worker with trusted feedback ranks before one without at equal price and load.
    expect(
      ids([listing({ agentId: 1n, ...base }), listing({ agentId: 2n, ...base, count: 1, successRate: 100 })]),
    ).toBe(2n);
    expect(
      ids([
        listing({ agentId: 1n, ...base, count: 5, successRate: 100, medianLatencyMs: 3000 }),
        listing({ agentId: 2n, ...base, count: 5, successRate: 100, medianLatencyMs: 1200 }),
        listing({ agentId: 3n, ...base, count: 5, successRate: 100 }),
      ]),
    ).toBe(2n);
    expect(ids([listing({ agentId: 9n, ...base }), listing({ agentId: 4n, ...base })])).toBe(4n);
  });

  it("leaves out a price above what the job pays, an excluded agent, and a success rate below the floor", () => {
    const listings = [
      listing({ agentId: 1n, price: 3_000_000n }),
      listing({ agentId: 2n, price: 100_000n, count: 4, successRate: 75 }),
      listing({ agentId: 3n, price: 200_000n }),
      listing({ agentId: 4n, price: 900_000n, count: 10, successRate: 80 }),
    ];
    expect(ids(listings)).toBe(3n);
    expect(ids(listings, 2_000_000n, [3n])).toBe(4n);
    expect(chooseWorker({ listings, maxPrice: 2_000_000n, reputationFloor: 70 })?.agentId).toBe(2n);
    expect(ids(listings, 2_000_000n, [3n, 4n])).toBeUndefined();
    expect(ids([], 2_000_000n)).toBeUndefined();
    expect(workerIneligibility({ listing: listings[0]!, maxPrice: 2_000_000n })).toMatch(/price 3000000 .* above/);
    expect(workerIneligibility({ listing: listings[1]!, maxPrice: 2_000_000n })).toMatch(/75% .* floor of 80%/);
    expect(workerIneligibility({ listing: listings[2]!, maxPrice: 2_000_000n, exclude: [3n] })).toMatch(/tried/);
    expect(workerIneligibility({ listing: listings[3]!, maxPrice: 2_000_000n })).toBeUndefined();
  });

  it("does not reorder the caller's listings", () => {
    const listings = [listing({ agentId: 2n, price: 600_000n }), listing({ agentId: 1n, price: 500_000n })];
    chooseWorker({ listings, maxPrice: 2_000_000n });
    expect(listings.map((l) => l.agentId)).toEqual([2n, 1n]);
  });
});
