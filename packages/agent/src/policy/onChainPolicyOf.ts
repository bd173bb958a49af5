import { type OnChainPolicyConfig, type PolicyConfig, SESSION_TARGETS, type SessionTarget } from "./types.ts";

/** How long a session grant lasts when policy.json's `onChain` section does not say. */
export const DEFAULT_SESSION_HOURS = 24;

/**
 * The on-chain part of the policy: policy.json's `onChain` section, or, where the file has none, the off-chain caps
 * (perTransactionCap per call, dailyCap per rolling day), the allowlist's addresses, every session target and 24 hours.
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
      targets: Object.keys(SESSION_TARGETS) as SessionTarget[],
      expiresInHours: DEFAULT_SESSION_HOURS,
    }
  );
}
