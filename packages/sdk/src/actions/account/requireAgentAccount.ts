import type { Address } from "viem";
import type { ReadClient } from "../../client/types.ts";
import { AgentAccountNotDelegatedError } from "../../errors/account.ts";
import { getAccountDelegation } from "./getAccountDelegation.ts";

/**
 * Throws AgentAccountNotDelegatedError unless `account` delegates (EIP-7702) to code, and to `implementation` when one
 * is given. Every account action checks this first: a call to an undelegated EOA succeeds and checks nothing.
 */
export async function requireAgentAccount(
  client: Pick<ReadClient, "getCode">,
  { account, implementation }: { account: Address; implementation?: Address | undefined },
): Promise<Address> {
  const delegation = await getAccountDelegation(client, { account });
  if (!delegation.implementation) throw new AgentAccountNotDelegatedError({ account });
  if (implementation && delegation.implementation.toLowerCase() !== implementation.toLowerCase()) {
    throw new AgentAccountNotDelegatedError({ account, delegatedTo: delegation.implementation });
  }
  return delegation.implementation;
}
