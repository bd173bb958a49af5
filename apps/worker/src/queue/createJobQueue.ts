export type CreateJobQueueParameters = {
  /** Jobs that may wait for a slot; an offer beyond it is refused (the HTTP layer answers 429). */
  limit: number;
  /** Jobs handled at the same time (the prover pool's size). */
  concurrency: number;
  /** Works one job to its end. A rejection is reported to `onError`; the queue goes on. */
  handle: (jobId: bigint) => Promise<void>;
  onError?: (jobId: bigint, error: unknown) => void;
  /**
   * A job's priority, read when it is offered: the highest waits least (equal ones in the order offered). The worker
   * passes the job's price, so the best-paying job is served first. Default: all equal (FIFO).
   */
  priority?: (jobId: bigint) => bigint;
  /** Seconds a job is assumed to take before one has finished (for Retry-After). Default 5. */
  initialJobSeconds?: number;
};

export type OfferResult = "queued" | "duplicate" | "full" | "closed";

export type JobQueue = {
  /** Queues a job unless it is already waiting or running. `force` ignores the limit (jobs resumed after a restart). */
  offer(jobId: bigint, options?: { force?: boolean }): OfferResult;
  /** True when an offer now would be refused for lack of room. */
  isFull(): boolean;
  /** Jobs waiting for a slot. */
  depth(): number;
  /** Jobs being handled. */
  running(): number;
  /** Whole seconds after which a refused client should try again: the queue ahead divided by the slots. */
  retryAfterSeconds(): number;
  /** Seconds one job has taken lately (a moving average of the handled ones; the initial estimate before any). */
  averageJobSeconds(): number;
  /**
   * Stops starting jobs (offers get "closed") and resolves when the running ones have finished, with the ids of the
   * jobs left waiting (they stay in the store and resume on the next start).
   */
  drain(): Promise<bigint[]>;
};

export type CreateJobQueueReturnType = JobQueue;

/**
 * A bounded priority queue (FIFO among equals) of job ids in front of a fixed number of slots. It holds ids only: each job's state is in the store,
 * so nothing is lost when the process stops with jobs still waiting.
 *
 * @example
 * const queue = createJobQueue({ limit: 32, concurrency: 2, handle: (jobId) => processJob(jobId) });
 * if (queue.offer(7n) === "full") res.set("Retry-After", String(queue.retryAfterSeconds())).status(429);
 */
export function createJobQueue({
  limit,
  concurrency,
  handle,
  onError = () => {},
  priority = () => 0n,
  initialJobSeconds = 5,
}: CreateJobQueueParameters): CreateJobQueueReturnType {
  const waiting: { jobId: bigint; priority: bigint }[] = [];
  const known = new Set<bigint>();
  let active = 0;
  let closed = false;
  let averageSeconds = initialJobSeconds;
  let idle: (() => void) | undefined;

  const pump = () => {
    while (!closed && active < concurrency && waiting.length > 0) {
      const { jobId } = waiting.shift()!;
      active += 1;
      const started = performance.now();
      let run: Promise<void>;
      try {
        run = handle(jobId);
      } catch (error) {
        run = Promise.reject(error);
      }
      void run
        .catch((error: unknown) => onError(jobId, error))
        .finally(() => {
          // An exponential moving average: recent proofs say more about the next wait than old ones.
          averageSeconds = 0.7 * averageSeconds + 0.3 * ((performance.now() - started) / 1000);
          active -= 1;
          known.delete(jobId);
          if (active === 0) idle?.();
          pump();
        });
    }
  };

  return {
    offer(jobId, { force = false } = {}) {
      if (closed) return "closed";
      if (known.has(jobId)) return "duplicate";
      if (!force && waiting.length >= limit) return "full";
      known.add(jobId);
      const entry = { jobId, priority: priority(jobId) };
      const before = waiting.findIndex((other) => other.priority < entry.priority);
      if (before < 0) waiting.push(entry);
      else waiting.splice(before, 0, entry);
      pump();
      return "queued";
    },
    isFull: () => closed || waiting.length >= limit,
    depth: () => waiting.length,
    running: () => active,
    retryAfterSeconds() {
      const rounds = Math.floor(waiting.length / concurrency) + 1;
      return Math.max(1, Math.ceil(rounds * averageSeconds));
    },
    averageJobSeconds: () => averageSeconds,
    async drain() {
      closed = true;
      if (active > 0) await new Promise<void>((resolve) => (idle = resolve));
      return waiting.map((entry) => entry.jobId);
    },
  };
}
