import type { Address } from "viem";

/** The HTTP header that carries the requester's signature of `workerJobReadMessage` on GET /v1/jobs/:jobId. */
export const REQUESTER_SIGNATURE_HEADER = "x-convergence-requester-signature";

export type WorkerJobReadMessageParameters = { chainId: number; escrow: Address; jobId: bigint };

export type WorkerJobReadMessageReturnType = string;

/**
 * The EIP-191 message a job's requester signs to read its output and proof from a worker before the job settles.
 * It names the chain, the escrow and the job, so a signature read off the wire opens no other job, escrow or chain.
 * The worker checks it with viem's `verifyMessage` against the job's on-chain requester; `getWorkerJob({ requester })`
 * signs it. The one definition of the message: the worker and the SDK both call this function.
 *
 * @example
 * const signature = await walletClient.signMessage({ message: workerJobReadMessage({ chainId: 31337, escrow, jobId: 7n }) });
 */
export function workerJobReadMessage({
  chainId,
  escrow,
  jobId,
}: WorkerJobReadMessageParameters): WorkerJobReadMessageReturnType {
  return `Convergence: read the output of job ${jobId} of InferenceEscrow ${escrow.toLowerCase()} on chain ${chainId}`;
}
