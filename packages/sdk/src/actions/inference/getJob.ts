import { inferenceEscrowAbi } from "@convergence/contracts";
import { type Address, zeroAddress } from "viem";
import type { ReadClient } from "../../client/types.ts";
import { decodeRevert } from "../../utils/decodeRevert.ts";
import { JOB_STATUSES, type Job } from "./types.ts";

export type GetJobParameters = { client: ReadClient; escrow: Address; jobId: bigint };
export type GetJobReturnType = Job;

/**
 * Reads a job from the escrow: requester, model, input commitment, amount, deadline, worker, the end of the worker's
 * exclusive window and status. A job id the
 * escrow does not know (never opened, or a chain that was reset) comes back with status "none" and zero fields, so
 * callers branch on the status instead of catching.
 *
 * @example
 * const { status } = await getJob({ client, escrow: deployment.contracts.InferenceEscrow, jobId });
 * if (status === "none") console.log(`no job ${jobId}`);
 */
export async function getJob({ client, escrow, jobId }: GetJobParameters): Promise<GetJobReturnType> {
  try {
    const job = await client.readContract({
      address: escrow,
      abi: inferenceEscrowAbi,
      functionName: "getJob",
      args: [jobId],
    });
    const status = JOB_STATUSES[job.status];
    if (!status) throw new Error(`unreachable: the escrow returned job status ${job.status}`);
    return { jobId, ...job, status };
  } catch (error) {
    const revert = decodeRevert(error);
    // A node that returns a bare "execution reverted" (no revert data) still answers "none" for an id past the count.
    const unknown =
      revert.errorName === "InferenceEscrowUnknownJob" ||
      (revert.reverted &&
        revert.errorName === undefined &&
        (jobId === 0n ||
          jobId > (await client.readContract({ address: escrow, abi: inferenceEscrowAbi, functionName: "jobCount" }))));
    if (!unknown) throw error;
    return {
      jobId,
      requester: zeroAddress,
      modelId: 0n,
      inputCommitment: 0n,
      amount: 0n,
      deadline: 0n,
      workerAgentId: 0n,
      exclusiveUntil: 0n,
      status: "none",
    };
  }
}
