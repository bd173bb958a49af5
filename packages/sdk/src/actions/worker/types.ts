/** Where a job stands in the worker (GET /v1/jobs/:jobId `state`). */
export type WorkerJobState = "open" | "received" | "proving" | "submitted" | "settled" | "failed";

/** A job as the worker reports it. Integers beyond 2^53 are decimal strings. */
export type WorkerJob = {
  jobId: string;
  state: WorkerJobState;
  model: string | undefined;
  modelId: string;
  requester: string;
  amount: string;
  deadline: string;
  inputCommitment: string;
  output: { raw: string[]; values: number[]; label: string | undefined } | null;
  proof: { publicSignals: string[]; proof: unknown } | null;
  txHashes: string[];
  attempts: number;
  timings: Record<string, string | number>;
  error: { code: string; message: string } | null;
};
