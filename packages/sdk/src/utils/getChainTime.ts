import type { ReadClient } from "../client/types.ts";

export type GetChainTimeParameters = {
  client: Pick<ReadClient, "getBlock">;
  /** The wall clock in milliseconds (default Date.now). */
  now?: () => number;
};

export type GetChainTimeReturnType = bigint;

/**
 * The time, in unix seconds, a transaction sent now is mined at, as the escrow's rules see it (`block.timestamp`): the
 * latest block's timestamp, or the wall clock when that block is older. A chain that mines only on demand (a Hardhat
 * node with automine) stamps its next block with the wall clock, so its latest block alone would say a deadline or an
 * exclusive window has not passed when the next transaction's block will say it has. For times to set (a job's deadline
 * and window at opening); whether a time has passed for a call is judged on the latest block, which calls are
 * simulated on.
 *
 * @example
 * const now = await getChainTime({ client: publicClient });
 * if (job.exclusiveUntil < now) console.log("any registered agent may fulfil it now");
 */
export async function getChainTime({
  client,
  now = Date.now,
}: GetChainTimeParameters): Promise<GetChainTimeReturnType> {
  const { timestamp } = await client.getBlock({ blockTag: "latest" });
  const wall = BigInt(Math.floor(now() / 1000));
  return timestamp > wall ? timestamp : wall;
}
