import { DEVNET_ROLE_INDEX } from "@convergence/contracts";
import { resolveAccount } from "@convergence/sdk";
import type { LocalAccount } from "viem";

/**
 * The agent's wallet (`agent run`, `agent chat`, `agent serve`): AGENT_PRIVATE_KEY, or on the local devnet its
 * well-known account #1. The rule is the SDK's `resolveAccount`.
 *
 * @example
 * const account = agentAccount({ chainId: 31337 });
 */
export function agentAccount({ chainId }: { chainId: number }): LocalAccount {
  return resolveAccount({
    setting: "AGENT_PRIVATE_KEY",
    privateKey: process.env.AGENT_PRIVATE_KEY,
    chainId,
    devnetIndex: DEVNET_ROLE_INDEX.agent,
    needs: "the agent's funded account",
  });
}
