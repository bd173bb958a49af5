import { describe, expect, it } from "vitest";
import { createJobQueue } from "./createJobQueue.ts";

/** A handler whose jobs finish when the test says so. */
function controlledHandler() {
  const started: bigint[] = [];
  const finishers = new Map<bigint, { resolve: () => void; reject: (error: Error) => void }>();
  const handle = (jobId: bigint) =>
    new Promise<void>((resolve, reject) => {
      started.push(jobId);
      finishers.set(jobId, { resolve, reject });
    });
  const finish = async (jobId: bigint, error?: Error) => {
    const finisher = finishers.get(jobId)!;
    if (error) finisher.reject(error);
    else finisher.resolve();
    // Let the queue's promise callbacks run.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { started, handle, finish };
}

describe("createJobQueue", () => {
  it("runs at most `concurrency` jobs, in order, and refuses offers beyond the limit", async () => {
    const { started, handle, finish } = controlledHandler();
    const queue = createJobQueue({ limit: 2, concurrency: 2, handle });
    expect(queue.offer(1n)).toBe("queued");
    expect(queue.offer(2n)).toBe("queued");
    expect(queue.offer(3n)).toBe("queued");
    expect(queue.offer(4n)).toBe("queued");
    expect(started).toEqual([1n, 2n]);
    expect(queue.depth()).toBe(2);
    expect(queue.running()).toBe(2);
    expect(queue.isFull()).toBe(true);
    expect(queue.offer(5n)).toBe("full");
    expect(queue.offer(3n)).toBe("duplicate");
    expect(queue.offer(1n)).toBe("duplicate");
    expect(queue.offer(5n, { force: true })).toBe("queued");
    await finish(1n);
    expect(started).toEqual([1n, 2n, 3n]);
    expect(queue.depth()).toBe(2);
    // A finished job may be offered again (e.g. a retry).
    expect(queue.offer(1n, { force: true })).toBe("queued");
  });

  it("serves the best-paying waiting job first, and equal ones in the order offered", async () => {
    const { started, handle, finish } = controlledHandler();
    const prices = new Map([
      [1n, 5n],
      [2n, 1n],
      [3n, 1n],
      [4n, 2_000_000n],
      [5n, 1n],
    ]);
    const queue = createJobQueue({ limit: 10, concurrency: 1, handle, priority: (jobId) => prices.get(jobId)! });
    for (const jobId of prices.keys()) queue.offer(jobId);
    // Job 1 took the free slot at once; the 2 USDC job then jumps the three one-unit jobs offered before it.
    expect(started).toEqual([1n]);
    for (const jobId of [1n, 4n, 2n, 3n]) await finish(jobId);
    expect(started).toEqual([1n, 4n, 2n, 3n, 5n]);
  });

  it("reports a failed job and goes on with the next", async () => {
    const { started, handle, finish } = controlledHandler();
    const errors: [bigint, unknown][] = [];
    const queue = createJobQueue({ limit: 5, concurrency: 1, handle, onError: (id, e) => errors.push([id, e]) });
    queue.offer(1n);
    queue.offer(2n);
    await finish(1n, new Error("prover crashed"));
    expect(errors).toEqual([[1n, new Error("prover crashed")]]);
    expect(started).toEqual([1n, 2n]);
    expect(queue.running()).toBe(1);
  });

  it("also survives a handler that throws synchronously", async () => {
    const errors: bigint[] = [];
    const queue = createJobQueue({
      limit: 5,
      concurrency: 1,
      handle: (jobId) => {
        if (jobId === 1n) throw new Error("sync");
        return Promise.resolve();
      },
      onError: (id) => errors.push(id),
    });
    queue.offer(1n);
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toEqual([1n]);
    expect(queue.offer(2n)).toBe("queued");
  });

  it("drains: refuses new jobs, waits for the running ones, returns the ones left waiting", async () => {
    const { started, handle, finish } = controlledHandler();
    const queue = createJobQueue({ limit: 5, concurrency: 1, handle });
    queue.offer(1n);
    queue.offer(2n);
    queue.offer(3n);
    let drained: bigint[] | undefined;
    const draining = queue.drain().then((left) => (drained = left));
    expect(queue.offer(4n)).toBe("closed");
    expect(queue.isFull()).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBeUndefined();
    await finish(1n);
    await draining;
    expect(drained).toEqual([2n, 3n]);
    expect(started).toEqual([1n]);
    expect(await createJobQueue({ limit: 1, concurrency: 1, handle }).drain()).toEqual([]);
  });

  it("estimates Retry-After from the queue ahead and the slots", () => {
    const queue = createJobQueue({
      limit: 10,
      concurrency: 2,
      handle: () => new Promise(() => {}),
      initialJobSeconds: 3,
    });
    expect(queue.retryAfterSeconds()).toBe(3);
    for (let id = 1n; id <= 7n; id++) queue.offer(id);
    // 2 running, 5 waiting: the 6th waiting job starts after 3 rounds of 3 s.
    expect(queue.depth()).toBe(5);
    expect(queue.retryAfterSeconds()).toBe(9);
  });
});
