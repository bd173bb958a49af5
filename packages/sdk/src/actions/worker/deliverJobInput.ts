import { requestWorker } from "./requestWorker.ts";
import type { WorkerJob } from "./types.ts";

export type DeliverJobInputParameters = {
  /** The worker's base URL, e.g. http://127.0.0.1:8080. */
  workerUrl: string;
  jobId: bigint;
  /** The quantized input the job's inputCommitment commits to: signed 16-bit integers. */
  input: readonly (bigint | number)[];
  /** The salt of the commitment. */
  salt: bigint;
  /** Retries of a 429 (queue full) or 503 answer, after its Retry-After. Default 0. */
  maxRetries?: number;
  timeoutMs?: number;
};

export type DeliverJobInputReturnType = {
  job: WorkerJob;
  /** False when the worker had this input already (a repeated delivery is harmless). */
  accepted: boolean;
};

/**
 * Hands a job's private input to the worker over HTTP (`POST /v1/jobs/:jobId/input`). The worker checks it against the
 * inputCommitment on-chain and queues the proof. Errors are typed: WorkerCommitmentMismatchError (409, the input or
 * salt differs from the commitment), WorkerJobNotFoundError (404), WorkerJobConflictError (409: not open, expired, for
 * another agent, DEADLINE_TOO_SOON), WorkerInvalidRequestError (400), WorkerPayloadTooLargeError (413), WorkerBusyError
 * (429/503, with Retry-After), WorkerRequestError (402 BELOW_PRICE_FLOOR: the job pays less than the worker's floor,
 * which the message names), WorkerUnreachableError.
 *
 * @example
 * const { job } = await deliverJobInput({ workerUrl: "http://127.0.0.1:8080", jobId, input, salt });
 */
export async function deliverJobInput({
  workerUrl,
  jobId,
  input,
  salt,
  maxRetries = 0,
  timeoutMs,
}: DeliverJobInputParameters): Promise<DeliverJobInputReturnType> {
  const { status, body } = await requestWorker<WorkerJob>({
    workerUrl,
    method: "POST",
    path: `/v1/jobs/${jobId}/input`,
    body: { input: input.map(Number), salt: salt.toString() },
    maxRetries,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return { job: body, accepted: status === 202 };
}
