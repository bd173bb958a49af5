import { describe, expect, it } from "vitest";
import { aggregateWorkerStats, LOAD_HORIZON_SECONDS } from "./aggregateWorkerStats.ts";

const me = "0x00000000000000000000000000000000000000aa" as const;
const friend = "0x00000000000000000000000000000000000000Bb" as const;
const rival = "0x00000000000000000000000000000000000000cc" as const;

describe("aggregateWorkerStats", () => {
  it("counts reserved, fulfilled, failed-over (settled by another or refunded) and open (unexpired) jobs per agent", () => {
    const now = 1_000n;
    const job = { requester: me, amount: 10n };
    const stats = aggregateWorkerStats({
      opened: [
        { ...job, jobId: 1n, workerAgentId: 3n, deadline: 2_000n }, // fulfilled by 3
        { ...job, jobId: 2n, workerAgentId: 3n, deadline: 2_000n }, // failed over to 4
        { ...job, jobId: 3n, workerAgentId: 3n, deadline: 900n }, // refunded
        { ...job, jobId: 4n, workerAgentId: 3n, deadline: 1_000n }, // open, deadline not passed (now <= deadline)
        { ...job, jobId: 5n, workerAgentId: 3n, deadline: 999n }, // expired, not yet refunded: neither open nor failed over
        { ...job, jobId: 6n, workerAgentId: 0n, deadline: 2_000n }, // open to anyone, fulfilled by 4
        { ...job, jobId: 7n, workerAgentId: 4n, deadline: 2_000n }, // open
      ],
      fulfilled: [
        { jobId: 1n, workerAgentId: 3n },
        { jobId: 2n, workerAgentId: 4n },
        { jobId: 6n, workerAgentId: 4n },
      ],
      refunded: [{ jobId: 3n }],
      now,
      trustedClients: [me],
    });
    expect(stats.get(3n)).toEqual({ reserved: 5, fulfilled: 1, failedOver: 2, open: 1 });
    expect(stats.get(4n)).toEqual({ reserved: 1, fulfilled: 2, failedOver: 0, open: 1 });
    expect(stats.has(0n)).toBe(false);
    expect(stats.has(5n)).toBe(false);
  });

  it("counts as load only trusted requesters' jobs that pay the listed price and are due within the hour", () => {
    const now = 1_000n;
    const soon = now + 60n;
    const stats = aggregateWorkerStats({
      opened: [
        { jobId: 1n, requester: me, amount: 10n, workerAgentId: 3n, deadline: soon }, // counts
        { jobId: 2n, requester: friend.toLowerCase() as typeof friend, amount: 10n, workerAgentId: 3n, deadline: soon }, // counts (case)
        { jobId: 3n, requester: rival, amount: 10n, workerAgentId: 3n, deadline: soon }, // untrusted requester
        { jobId: 4n, requester: me, amount: 9n, workerAgentId: 3n, deadline: soon }, // pays below the listed price
        { jobId: 5n, requester: me, amount: 10n, workerAgentId: 3n, deadline: now + LOAD_HORIZON_SECONDS }, // counts (edge)
        { jobId: 6n, requester: me, amount: 10n, workerAgentId: 3n, deadline: now + LOAD_HORIZON_SECONDS + 1n }, // too far
        { jobId: 7n, requester: rival, amount: 1n, workerAgentId: 4n, deadline: soon }, // agent 4 has no price: rival still untrusted
        { jobId: 8n, requester: me, amount: 1n, workerAgentId: 4n, deadline: soon }, // no listed price: no floor
      ],
      fulfilled: [],
      refunded: [],
      now,
      trustedClients: [me, friend],
      prices: new Map([[3n, 10n]]),
    });
    // Every job still shows as reserved; only the qualifying ones are load.
    expect(stats.get(3n)).toEqual({ reserved: 6, fulfilled: 0, failedOver: 0, open: 3 });
    expect(stats.get(4n)).toEqual({ reserved: 2, fulfilled: 0, failedOver: 0, open: 1 });
    // Without trusted clients nothing is load.
    const none = aggregateWorkerStats({
      opened: [{ jobId: 1n, requester: me, amount: 10n, workerAgentId: 3n, deadline: soon }],
      fulfilled: [],
      refunded: [],
      now,
      trustedClients: [],
    });
    expect(none.get(3n)).toEqual({ reserved: 1, fulfilled: 0, failedOver: 0, open: 0 });
  });

  it("is empty without events", () => {
    expect(aggregateWorkerStats({ opened: [], fulfilled: [], refunded: [], now: 0n, trustedClients: [] }).size).toBe(0);
  });
});
