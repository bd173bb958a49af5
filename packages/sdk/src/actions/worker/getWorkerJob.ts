import { checkWorkerJob } from "./checkWorkerJob.ts";
import { requestWorker } from "./requestWorker.ts";
import type { WorkerJob } from "./types.ts";

export type GetWorkerJobParameters = { workerUrl: string; jobId: bigint; timeoutMs?: number };

export type GetWorkerJobReturnType = WorkerJob;

/**
 * A job as the worker sees it (`GET /v1/jobs/:jobId`): state (open, received, proving, submitted, settled, failed),
 * output, proof, transaction hashes and timings. The worker's word only: the attestation on-chain
 * (`waitForAttestation`) is what proves the output.
 *
 * @example
 * const { state, timings } = await getWorkerJob({ workerUrl: "http://127.0.0.1:8080", jobId: 7n });
 */
export async function getWorkerJob({
  workerUrl,
  jobId,
  timeoutMs,
}: GetWorkerJobParameters): Promise<GetWorkerJobReturnType> {
  const path = `/v1/jobs/${jobId}`;
  const { body } = await requestWorker<unknown>({
    workerUrl,
    method: "GET",
    path,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return checkWorkerJob({ body, url: new URL(path, workerUrl).toString() });
}
