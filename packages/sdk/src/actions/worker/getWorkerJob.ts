import type { Address } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { checkWorkerJob } from "./checkWorkerJob.ts";
import { requestWorker } from "./requestWorker.ts";
import type { WorkerJob } from "./types.ts";
import { REQUESTER_SIGNATURE_HEADER, workerJobReadMessage } from "./workerJobReadMessage.ts";

export type GetWorkerJobParameters = {
  workerUrl: string;
  jobId: bigint;
  timeoutMs?: number;
  /**
   * The job's requester (its wallet client and the escrow): signs `workerJobReadMessage` so the worker shows the
   * output and proof before the job settles. Without it, output and proof are null until settlement.
   */
  requester?: { client: WriteClient; escrow: Address };
};

export type GetWorkerJobReturnType = WorkerJob;

/**
 * A job as the worker sees it (`GET /v1/jobs/:jobId`): state (open, received, proving, submitted, settled, failed),
 * output, proof, transaction hashes and timings. Output and proof are null until the job settles, unless `requester`
 * signs the read. The worker's word only: the attestation on-chain (`waitForAttestation`) is what proves the output.
 *
 * @example
 * const { state, timings } = await getWorkerJob({ workerUrl: "http://127.0.0.1:8080", jobId: 7n });
 */
export async function getWorkerJob({
  workerUrl,
  jobId,
  timeoutMs,
  requester,
}: GetWorkerJobParameters): Promise<GetWorkerJobReturnType> {
  const path = `/v1/jobs/${jobId}`;
  let headers: Record<string, string> | undefined;
  if (requester) {
    const { client, escrow } = requester;
    const message = workerJobReadMessage({ chainId: client.chain.id, escrow, jobId });
    headers = { [REQUESTER_SIGNATURE_HEADER]: await client.signMessage({ account: client.account, message }) };
  }
  const { body } = await requestWorker<unknown>({
    workerUrl,
    method: "GET",
    path,
    ...(headers ? { headers } : {}),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return checkWorkerJob({ body, url: new URL(path, workerUrl).toString() });
}
