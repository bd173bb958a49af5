import { agentAccountAbi } from "@convergence/contracts";
import type { Address } from "viem";
import type { ReadClient } from "../../client/types.ts";
import { requireAgentAccount } from "./requireAgentAccount.ts";
import type { SessionPolicy } from "./sessionPolicy.ts";

export type GetSessionParameters = { account: Address; session: Address };

export type GetSessionReturnType = {
  /** The key was granted at some point (id > 0). */
  granted: boolean;
  /** The grant's number on this account (0: never granted). */
  id: bigint;
  /** Granted, not revoked, not expired (as of the latest block). */
  active: boolean;
  revoked: boolean;
  policy: SessionPolicy;
  /** What the session spent of each limited token in the last 24 hours, in the policy's order. */
  spentToday: readonly { token: Address; spent: bigint }[];
};

/**
 * A session key's grant on an AgentAccount: its policy, whether it is active, and what it spent in the last 24 hours.
 * Throws AgentAccountNotDelegatedError if `account` has not delegated.
 *
 * @example
 * const { active, policy, spentToday } = await getSession(publicClient, { account: owner, session });
 */
export async function getSession(
  client: ReadClient,
  { account, session }: GetSessionParameters,
): Promise<GetSessionReturnType> {
  await requireAgentAccount(client, { account });
  const view = await client.readContract({
    address: account,
    abi: agentAccountAbi,
    functionName: "getSession",
    args: [session],
  });
  const spentToday = await Promise.all(
    view.policy.limits.map(async ({ token }) => ({
      token,
      spent: await client.readContract({
        address: account,
        abi: agentAccountAbi,
        functionName: "spentToday",
        args: [session, token],
      }),
    })),
  );
  return {
    granted: view.id !== 0n,
    id: view.id,
    active: view.active,
    revoked: view.revoked,
    policy: view.policy,
    spentToday,
  };
}
