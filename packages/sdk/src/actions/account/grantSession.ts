import { agentAccountAbi } from "@convergence/contracts";
import { type Abi, type Address, encodeFunctionData, type Hash, type TransactionReceipt } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";
import { EXECUTE_BATCH_MODE, encodeExecuteBatch } from "./executeBatch.ts";
import { requireAgentAccount } from "./requireAgentAccount.ts";
import { encodeSessionPolicy, type SessionPolicy } from "./sessionPolicy.ts";

export type GrantSessionParameters = {
  /** The session key's address (a fresh key the agent holds; never the owner's). */
  session: Address;
  policy: SessionPolicy;
  /** ETH (wei) sent to the session key in the same transaction, for its gas. */
  fundEth?: bigint;
};

export type GrantSessionReturnType = { hash: Hash; receipt: TransactionReceipt };

/**
 * Grants `session` the policy on the owner's account (replacing an earlier grant and its spending history), sent by
 * the owner's key to its own address. With `fundEth`, the same transaction (one ERC-7821 batch) also sends the session
 * key that much ETH for gas. Throws AgentAccountNotDelegatedError before sending if the owner has not delegated, and a
 * ContractRevertError naming AgentAccountInvalidPolicy / AgentAccountInvalidSession if the contract refuses.
 *
 * @example
 * await grantSession(ownerClient, { session: sessionKey.address, policy, fundEth: parseEther("0.1") });
 */
export async function grantSession(
  client: WriteClient,
  { session, policy, fundEth = 0n }: GrantSessionParameters,
): Promise<GrantSessionReturnType> {
  if (fundEth < 0n)
    throw new InvalidParameterError({ parameter: "fundEth", value: fundEth, expected: "wei, 0 or more" });
  const owner = client.account.address;
  await requireAgentAccount(client, { account: owner });
  const args = [session, encodeSessionPolicy(policy)] as const;
  if (fundEth === 0n) {
    return writeContractAndWait({
      client,
      contract: "AgentAccount",
      address: owner,
      abi: agentAccountAbi as Abi,
      functionName: "grantSession",
      args,
    });
  }
  const grant = encodeFunctionData({ abi: agentAccountAbi, functionName: "grantSession", args });
  return writeContractAndWait({
    client,
    contract: "AgentAccount",
    address: owner,
    abi: agentAccountAbi as Abi,
    functionName: "execute",
    args: [
      EXECUTE_BATCH_MODE,
      encodeExecuteBatch({
        calls: [
          { to: owner, data: grant },
          { to: session, value: fundEth },
        ],
      }),
    ],
  });
}
