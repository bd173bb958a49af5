import type { Address } from "viem";
import type { PolicyConfig } from "./types.ts";

export type IsAllowedRecipientParameters = {
  config: PolicyConfig;
  recipient: Address;
  /** The agent's own accounts. */
  ownAccounts: readonly Address[];
  /** Whether an address is the wallet of an agent registered in the AgentRegistry. */
  isRegisteredAgent?: (address: Address) => Promise<boolean>;
};

/**
 * Whether the policy lets tokens go to this address: one of the agent's own accounts, a registered
 * agent's wallet, or an address listed in policy.json (each source can be switched off there).
 *
 * @example
 * await isAllowedRecipient({ config, recipient, ownAccounts: [me] }); // false for a stranger
 */
export async function isAllowedRecipient({
  config,
  recipient,
  ownAccounts,
  isRegisteredAgent,
}: IsAllowedRecipientParameters): Promise<boolean> {
  const lower = recipient.toLowerCase();
  if (config.allowlist.addresses.some((a) => a.toLowerCase() === lower)) return true;
  if (config.allowlist.ownAccounts && ownAccounts.some((a) => a.toLowerCase() === lower)) return true;
  if (config.allowlist.registeredAgents && isRegisteredAgent) return isRegisteredAgent(recipient);
  return false;
}
