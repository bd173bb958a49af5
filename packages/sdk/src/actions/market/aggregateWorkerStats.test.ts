import { describe, expect, it } from "vitest";
import { aggregateWorkerStats } from "./aggregateWorkerStats.ts";

describe("aggregateWorkerStats", () => {
  it("counts reserved, fulfilled, failed-over (settled by another or refunded) and open (unexpired) jobs per agent", () => {
    const now = 1_000n;
    const stats = aggregateWorkerStats({
      opened: [
        { jobId: 1n, workerAgentId: 3n, deadline: 2_000n }, // fulfilled by 3
        { jobId: 2n, workerAgentId: 3n, deadline: 2_000n }, // failed over to 4
        { jobId: 3n, workerAgentId: 3n, deadline: 900n }, // refunded
        { jobId: 4n, workerAgentId: 3n, deadline: 1_000n }, // open, deadline not passed (now <= deadline)
        { jobId: 5n, workerAgentId: 3n, deadline: 999n }, // expired, not yet refunded: neither open nor failed over
        { jobId: 6n, workerAgentId: 0n, deadline: 2_000n }, // open to anyone, fulfilled by 4
        { jobId: 7n, workerAgentId: 4n, deadline: 2_000n }, // open
      ],
      fulfilled: [
        { jobId: 1n, workerAgentId: 3n },
        { jobId: 2n, workerAgentId: 4n },
        { jobId: 6n, workerAgentId: 4n },
      ],
      refunded: [{ jobId: 3n }],
      now,
    });
    expect(stats.get(3n)).toEqual({ reserved: 5, fulfilled: 1, failedOver: 2, open: 1 });
    expect(stats.get(4n)).toEqual({ reserved: 1, fulfilled: 2, failedOver: 0, open: 1 });
    expect(stats.has(0n)).toBe(false);
    expect(stats.has(5n)).toBe(false);
  });

  it("is empty without events", () => {
    expect(aggregateWorkerStats({ opened: [], fulfilled: [], refunded: [], now: 0n }).size).toBe(0);
  });
});
