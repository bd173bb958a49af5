import type { Address, Hash, TransactionReceipt } from "viem";
import type { WriteClient } from "../../client/types.ts";
import {
  AgentAccountImplementationMissingError,
  AgentAccountNotDelegatedError,
  DelegationSignerError,
} from "../../errors/account.ts";
import { TransactionFailedError } from "../../errors/contract.ts";
import { getAccountDelegation } from "./getAccountDelegation.ts";

export type DelegateToAgentAccountParameters = {
  /** The deployed AgentAccount (deployment.contracts.AgentAccount). */
  implementation: Address;
};

export type DelegateToAgentAccountReturnType = { hash: Hash; receipt: TransactionReceipt };

/**
 * Delegates the client's own EOA (the owner) to the AgentAccount code with EIP-7702: signs an authorization for this
 * chain only (its chain id, never 0, so it cannot be replayed on another chain) and sends it in a type-4 transaction
 * to itself. The address, balances, DID and ERC-8004 identity stay where they are. Needs a local key.
 *
 * @example
 * await delegateToAgentAccount(ownerClient, { implementation: deployment.contracts.AgentAccount });
 */
export async function delegateToAgentAccount(
  client: WriteClient,
  { implementation }: DelegateToAgentAccountParameters,
): Promise<DelegateToAgentAccountReturnType> {
  const account = client.account;
  if (account.type !== "local" || !account.signAuthorization) {
    throw new DelegationSignerError({ account: account.address });
  }
  const code = await client.getCode({ address: implementation });
  if (!code || code === "0x") throw new AgentAccountImplementationMissingError({ implementation });
  const authorization = await client.signAuthorization({
    account,
    contractAddress: implementation,
    chainId: client.chain.id,
    executor: "self",
  });
  const hash = await client.sendTransaction({
    account,
    chain: client.chain,
    to: account.address,
    data: "0x",
    authorizationList: [authorization],
  });
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new TransactionFailedError({ hash, functionName: "EIP-7702 delegation" });
  const delegation = await getAccountDelegation(client, { account: account.address });
  if (delegation.implementation?.toLowerCase() !== implementation.toLowerCase()) {
    throw new AgentAccountNotDelegatedError({ account: account.address, delegatedTo: delegation.implementation });
  }
  return { hash, receipt };
}
