import { inferenceEscrowAbi } from "@convergence/contracts";
import type { Address } from "viem";
import type { ReadClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import type { OpenedJob } from "./types.ts";

export type GetOpenedJobsParameters = {
  client: ReadClient;
  escrow: Address;
  /** First block scanned, inclusive. */
  fromBlock: bigint;
  /** Last block scanned, inclusive. Nodes cap the range of one eth_getLogs call: page long ranges. */
  toBlock: bigint;
};
export type GetOpenedJobsReturnType = OpenedJob[];

/**
 * The jobs opened on the escrow in a block range, decoded from its JobOpened events in chain order, each with the
 * block and transaction that opened it. A worker follows new jobs by calling it over consecutive ranges.
 *
 * @example
 * const escrow = deployment.contracts.InferenceEscrow;
 * const jobs = await getOpenedJobs({ client, escrow, fromBlock: 0n, toBlock: 2000n });
 * for (const { jobId, modelId, blockNumber } of jobs) console.log(jobId, modelId, blockNumber);
 */
export async function getOpenedJobs({
  client,
  escrow,
  fromBlock,
  toBlock,
}: GetOpenedJobsParameters): Promise<GetOpenedJobsReturnType> {
  if (fromBlock < 0n || toBlock < fromBlock) {
    throw new InvalidParameterError({
      parameter: "toBlock",
      value: `${fromBlock}..${toBlock}`,
      expected: "a range with 0 <= fromBlock <= toBlock",
    });
  }
  const logs = await client.getContractEvents({
    address: escrow,
    abi: inferenceEscrowAbi,
    eventName: "JobOpened",
    fromBlock,
    toBlock,
    strict: true,
  });
  return logs.map(({ args, blockNumber, transactionHash }) => ({
    jobId: args.jobId,
    requester: args.requester,
    modelId: args.modelId,
    inputCommitment: args.inputCommitment,
    amount: args.amount,
    deadline: args.deadline,
    workerAgentId: args.workerAgentId,
    exclusiveUntil: args.exclusiveUntil,
    blockNumber,
    transactionHash,
  }));
}
