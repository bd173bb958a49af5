import { agentAccountAbi } from "@convergence/contracts";
import type { Abi, Address, Hash, TransactionReceipt } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";
import { requireAgentAccount } from "./requireAgentAccount.ts";

export type RevokeSessionParameters = { session: Address };

export type RevokeSessionReturnType = { hash: Hash; receipt: TransactionReceipt };

/**
 * Revokes `session` on the owner's account at once: its next `execute` reverts with AgentAccountSessionRevoked.
 * Throws a ContractRevertError naming AgentAccountUnknownSession for a key that was never granted.
 *
 * @example
 * await revokeSession(ownerClient, { session: sessionKey.address });
 */
export async function revokeSession(
  client: WriteClient,
  { session }: RevokeSessionParameters,
): Promise<RevokeSessionReturnType> {
  const owner = client.account.address;
  await requireAgentAccount(client, { account: owner });
  return writeContractAndWait({
    client,
    contract: "AgentAccount",
    address: owner,
    abi: agentAccountAbi as Abi,
    functionName: "revokeSession",
    args: [session],
  });
}
