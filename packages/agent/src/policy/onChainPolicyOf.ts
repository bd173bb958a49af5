import { type OnChainPolicyConfig, type PolicyConfig, SESSION_TARGETS, type SessionTarget } from "./types.ts";

/** The targets a grant allows when policy.json names none: all but the AgentRegistry (new identities are the owner's call). */
export const DEFAULT_SESSION_TARGETS = (Object.keys(SESSION_TARGETS) as SessionTarget[]).filter(
  (target) => target !== "AgentRegistry",
);

/** How long a session grant lasts when policy.json's `onChain` section does not say. */
export const DEFAULT_SESSION_HOURS = 24;

/**
 * The on-chain part of the policy: policy.json's `onChain` section, or, where the file has none, the off-chain caps
 * (perTransactionCap per call, dailyCap per rolling day), the allowlist's addresses, DEFAULT_SESSION_TARGETS and 24
 * hours.
 *
 * @example
 * const onChain = onChainPolicyOf({ config: loadPolicy({ home }).config });
 */
export function onChainPolicyOf({ config }: { config: PolicyConfig }): OnChainPolicyConfig {
  return (
    config.onChain ?? {
      perCallCap: { ...config.perTransactionCap },
      dailyCap: { ...config.dailyCap },
      recipients: [],
      targets: [...DEFAULT_SESSION_TARGETS],
      expiresInHours: DEFAULT_SESSION_HOURS,
    }
  );
}
