import { inferenceEscrowAbi } from "@convergence/contracts";
import { type Address, getAddress, type PublicClient } from "viem";
import type { DashboardConfig } from "../config/dashboardConfig.ts";

/**
 * The accounts that paid for jobs on this escrow (its JobOpened requesters): the dashboard counts reputation from these
 * clients only. Anyone can give feedback for free; a client that paid the escrow is at least a real customer.
 *
 * @example
 * const clients = await readJobRequesters({ client, config });
 */
export async function readJobRequesters({
  client,
  config,
}: {
  client: PublicClient;
  config: DashboardConfig;
}): Promise<Address[]> {
  const escrow = config.contracts.InferenceEscrow;
  if (!escrow) return [];
  const logs = await client.getContractEvents({
    address: escrow,
    abi: inferenceEscrowAbi,
    eventName: "JobOpened",
    fromBlock: BigInt(config.fromBlock),
    strict: true,
  });
  return [...new Set(logs.map((log) => getAddress(log.args.requester)))];
}
