import { inferenceEscrowAbi } from "@convergence/contracts";
import type { Address } from "viem";
import type { ReadClient } from "../../client/types.ts";
import { JobNotFoundError } from "../../errors/inference.ts";
import { revertErrorName } from "./revertErrorName.ts";
import type { Job, JobStatus } from "./types.ts";

export type GetJobParameters = { client: ReadClient; escrow: Address; jobId: bigint };
export type GetJobReturnType = Job;

const STATUS: Record<number, JobStatus> = { 1: "open", 2: "fulfilled", 3: "refunded" };

/**
 * Reads a job from the escrow: requester, model, input commitment, amount, deadline, worker and status.
 *
 * @example
 * const { status } = await getJob({ client, escrow: deployment.contracts.InferenceEscrow, jobId });
 */
export async function getJob({ client, escrow, jobId }: GetJobParameters): Promise<GetJobReturnType> {
  try {
    const job = await client.readContract({
      address: escrow,
      abi: inferenceEscrowAbi,
      functionName: "getJob",
      args: [jobId],
    });
    const status = STATUS[job.status];
    if (!status) throw new Error(`unreachable: the escrow returned job status ${job.status}`);
    return { jobId, ...job, status };
  } catch (error) {
    if (revertErrorName(error) === "InferenceEscrowUnknownJob")
      throw new JobNotFoundError({ jobId, escrow, cause: error });
    throw error;
  }
}
