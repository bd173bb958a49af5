import type { JobState } from "../store/types.ts";

/** GET /v1/jobs/:jobId: a job as clients see it. Integers beyond 2^53 are decimal strings. */
export type JobView = {
  jobId: string;
  state: JobState;
  /** The served model's name, or undefined when this worker does not serve the job's model. */
  model: string | undefined;
  modelId: string;
  requester: string;
  /** USDC base units (6 decimals) escrowed for the worker. */
  amount: string;
  /** Unix seconds after which the requester may refund. */
  deadline: string;
  inputCommitment: string;
  output: { raw: string[]; values: number[]; label: string | undefined } | null;
  proof: { publicSignals: string[]; proof: unknown } | null;
  txHashes: string[];
  attempts: number;
  /** ISO times of each step, and the prove time in milliseconds. */
  timings: Record<string, string | number>;
  error: { code: string; message: string } | null;
};

/** What the HTTP layer needs from the job side of the worker. Errors are HttpErrors (404, 409, 429, 503). */
export type JobService = {
  /** Checks the input against the job's on-chain inputCommitment, records it and queues the proof. */
  deliverInput(parameters: {
    jobId: bigint;
    input: bigint[];
    salt: bigint;
  }): Promise<{ view: JobView; created: boolean }>;
  /** The job, read from the store (and from the chain if the watcher has not seen it yet). */
  getJob(jobId: bigint): Promise<JobView>;
};
