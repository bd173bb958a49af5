import { agentAccountAbi } from "@convergence/contracts";
import type { Abi, Address, Hash, TransactionReceipt } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { withAccountLock } from "../../internal/withAccountLock.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";
import { type AccountCall, EXECUTE_BATCH_MODE, encodeExecuteBatch } from "./executeBatch.ts";
import { requireAgentAccount } from "./requireAgentAccount.ts";

export type ExecuteAsSessionParameters = {
  /** The owner's address (delegated to AgentAccount). */
  account: Address;
  /** The batch, run in order; it spends from `account`, within the session's policy. */
  calls: readonly AccountCall[];
};

export type ExecuteAsSessionReturnType = { hash: Hash; receipt: TransactionReceipt };

/**
 * Sends `calls` as one ERC-7821 batch to the owner's account from the session key (the client's account, which pays
 * the gas). The batch is simulated first: a refusal throws a ContractRevertError whose `errorName` names the rule
 * (AgentAccountOverCallCap, AgentAccountUnknownRecipient, ...) or the inner contract's own error, and nothing is sent.
 * Throws AgentAccountNotDelegatedError if `account` has not delegated (a call to a plain EOA would check nothing).
 *
 * @example
 * await executeAsSession(sessionClient, { account: owner, calls: [{ to: usdc, data: transferData }] });
 */
export async function executeAsSession(
  client: WriteClient,
  { account, calls }: ExecuteAsSessionParameters,
): Promise<ExecuteAsSessionReturnType> {
  if (calls.length === 0)
    throw new InvalidParameterError({ parameter: "calls", value: "[]", expected: "at least one call" });
  await requireAgentAccount(client, { account });
  // One batch of this session key at a time in this process: concurrent tool calls would otherwise take the same
  // nonce, and each would be simulated against a spending window the other is about to change.
  return withAccountLock({
    address: client.account.address,
    run: () =>
      writeContractAndWait({
        client,
        contract: "AgentAccount",
        address: account,
        abi: agentAccountAbi as Abi,
        functionName: "execute",
        args: [EXECUTE_BATCH_MODE, encodeExecuteBatch({ calls })],
      }),
  });
}
