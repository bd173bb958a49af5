import { inferenceEscrowAbi } from "@convergence/contracts";
import type { Address } from "viem";
import type { ReadClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import {
  type AggregateWorkerStatsParameters,
  type AggregateWorkerStatsReturnType,
  aggregateWorkerStats,
} from "./aggregateWorkerStats.ts";

export type ReadWorkerStatsParameters = {
  client: ReadClient;
  /** The InferenceEscrow (deployment.contracts.InferenceEscrow). */
  escrow: Address;
  /** First block read, inclusive (the deployment's block: nothing happened before it). Default 0n. */
  fromBlock?: bigint;
  /** Blocks per eth_getLogs call (default 2000n): public nodes cap the range of one call. */
  logRange?: bigint;
  /**
   * Whose jobs count as a worker's load (see aggregateWorkerStats): the requester and the clients it trusts. Default
   * []: no job counts as load (open is 0), since anyone can open jobs reserved for a rival.
   */
  trustedClients?: readonly Address[];
  /** Each agent's listed price: jobs paying less are not its load (see aggregateWorkerStats). */
  prices?: ReadonlyMap<bigint, bigint>;
};
export type ReadWorkerStatsReturnType = AggregateWorkerStatsReturnType;

/**
 * Each worker agent's figures from the escrow's JobOpened, JobFulfilled and JobRefunded events up to the latest block,
 * read `logRange` blocks at a time: jobs reserved for it, fulfilled by it, failed over (reserved for it, settled by
 * another agent or refunded) and open (its load: only jobs by `trustedClients`, paying its listed price, due within an
 * hour). See aggregateWorkerStats for the rules.
 *
 * @example
 * const stats = await readWorkerStats({ client, escrow, fromBlock: 0n, trustedClients: [me] });
 * console.log(stats.get(3n)?.failedOver ?? 0);
 */
export async function readWorkerStats({
  client,
  escrow,
  fromBlock = 0n,
  logRange = 2000n,
  trustedClients = [],
  prices,
}: ReadWorkerStatsParameters): Promise<ReadWorkerStatsReturnType> {
  if (logRange < 1n) {
    throw new InvalidParameterError({ parameter: "logRange", value: logRange, expected: "at least 1 block" });
  }
  const latest = await client.getBlock();
  const opened: AggregateWorkerStatsParameters["opened"][number][] = [];
  const fulfilled: { jobId: bigint; workerAgentId: bigint }[] = [];
  const refunded: { jobId: bigint }[] = [];
  for (let from = fromBlock; from <= latest.number; from += logRange) {
    const to = from + logRange - 1n < latest.number ? from + logRange - 1n : latest.number;
    const range = { address: escrow, abi: inferenceEscrowAbi, fromBlock: from, toBlock: to, strict: true } as const;
    const [opens, fulfils, refunds] = await Promise.all([
      client.getContractEvents({ ...range, eventName: "JobOpened" }),
      client.getContractEvents({ ...range, eventName: "JobFulfilled" }),
      client.getContractEvents({ ...range, eventName: "JobRefunded" }),
    ]);
    for (const { args } of opens) {
      const { jobId, requester, amount, workerAgentId, deadline } = args;
      opened.push({ jobId, requester, amount, workerAgentId, deadline });
    }
    for (const { args } of fulfils) fulfilled.push({ jobId: args.jobId, workerAgentId: args.workerAgentId });
    for (const { args } of refunds) refunded.push({ jobId: args.jobId });
  }
  return aggregateWorkerStats({
    opened,
    fulfilled,
    refunded,
    now: latest.timestamp,
    trustedClients,
    prices,
  });
}
