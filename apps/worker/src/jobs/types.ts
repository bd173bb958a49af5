import type { WorkerJob } from "@convergence/sdk";

/**
 * GET /v1/jobs/:jobId: a job as clients see it. The wire format is defined once, by the SDK client
 * (`WorkerJob` in @convergence/sdk), so the server and its client cannot drift apart.
 */
export type JobView = WorkerJob;

/** What the HTTP layer needs from the job side of the worker. Errors are HttpErrors (404, 409, 429, 503). */
export type JobService = {
  /** Checks the input against the job's on-chain inputCommitment, records it and queues the proof. */
  deliverInput(parameters: {
    jobId: bigint;
    input: bigint[];
    salt: bigint;
  }): Promise<{ view: JobView; created: boolean }>;
  /**
   * The job, read from the store (and from the chain if the watcher has not seen it yet). Output and proof are null
   * until it settles, unless `requesterSignature` is the job's requester's EIP-191 signature of the SDK's
   * `workerJobReadMessage` (a wrong one is refused with 401).
   */
  getJob(parameters: { jobId: bigint; requesterSignature?: string }): Promise<JobView>;
};
