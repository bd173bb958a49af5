import { agentRegistryAbi } from "@convergence/contracts";
import type { Abi, Address, Hash, Hex, TransactionReceipt } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";

export type SetAgentWalletParameters = {
  /** The agent's owner (or an approved operator). */
  client: WriteClient;
  registry: Address;
  agentId: bigint;
  wallet: Address;
  deadline: bigint;
  /** From `signAgentWallet`, signed by `wallet`. */
  signature: Hex;
};

/**
 * Sets the agent's verified payment wallet. The wallet is cleared when the agent is transferred.
 *
 * @example
 * await setAgentWallet({ client, registry, agentId, wallet, deadline, signature });
 */
export async function setAgentWallet({
  client,
  registry,
  agentId,
  wallet,
  deadline,
  signature,
}: SetAgentWalletParameters): Promise<{ hash: Hash; receipt: TransactionReceipt }> {
  const { hash, receipt } = await writeContractAndWait({
    client,
    contract: "AgentRegistry",
    address: registry,
    abi: agentRegistryAbi as Abi,
    functionName: "setAgentWallet",
    args: [agentId, wallet, deadline, signature],
  });
  return { hash, receipt };
}
