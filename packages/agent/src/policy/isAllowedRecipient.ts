import type { Address } from "viem";
import type { PolicyConfig } from "./types.ts";

export type IsAllowedRecipientParameters = {
  config: PolicyConfig;
  recipient: Address;
  /** The agent's own accounts. */
  ownAccounts: readonly Address[];
  /** Whether an address owns an agent in the AgentRegistry; asked only if `allowlist.anyRegisteredAgent` opts in. */
  isRegisteredAgent?: (address: Address) => Promise<boolean>;
};

/**
 * Whether the policy lets tokens go to this address: one of the agent's own accounts or an address
 * listed in policy.json. Being a registered agent is not enough by default (`register()` is open to
 * anyone); `allowlist.anyRegisteredAgent: true` opts in to it.
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
  if (config.allowlist.anyRegisteredAgent === true && isRegisteredAgent) return isRegisteredAgent(recipient);
  return false;
}
