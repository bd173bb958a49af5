import { z } from "zod";

/** The rules of the spending policy; every refusal names one. */
export type PolicyRule =
  | "per-transaction-cap"
  | "daily-cap"
  | "recipient-allowlist"
  | "slippage-ceiling"
  | "simulation"
  | "confirmation"
  | "unsupported-token";

/** Why the policy refused a send. */
export type PolicyViolation = { rule: PolicyRule; message: string };

const amount = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'a decimal amount in whole units, e.g. "100" or "0.5"')
  .describe("decimal amount in whole units");
const perToken = z
  .object({ ETH: amount, WETH: amount, USDC: amount })
  .strict()
  .describe("one cap per token: ETH, WETH and USDC");

/** The stack contracts a session key may be allowed to call, each with the functions the agent's tools use on it. */
export const SESSION_TARGETS = {
  USDC: ["transfer", "approve"],
  WETH: ["transfer", "approve", "deposit", "withdraw"],
  Pool: ["swapExactIn"],
  InferenceEscrow: ["openJob", "refund"],
  ReputationRegistry: ["giveFeedback"],
  AgentRegistry: ["register"],
} as const;

/** A contract name of SESSION_TARGETS. */
export type SessionTarget = keyof typeof SESSION_TARGETS;

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "a 0x address");

/**
 * The on-chain part of the policy: what `convergence agent session grant` writes into the account's session grant,
 * so the chain refuses what it forbids even if the agent's process (and the off-chain policy above) is compromised.
 */
export const onChainPolicySchema = z
  .object({
    perCallCap: perToken.describe("the most one session batch (one transaction) may spend, per token"),
    dailyCap: perToken.describe("the most the session may spend in any rolling 24 hours, per token"),
    recipients: z
      .array(address)
      .describe("who the session may pay, besides allowlist.addresses (the owner's account needs no entry)"),
    targets: z
      .array(z.enum(Object.keys(SESSION_TARGETS) as [SessionTarget, ...SessionTarget[]]))
      .min(1)
      .describe("the deployment's contracts the session may call, each with the functions the tools use on it"),
    expiresInHours: z
      .number()
      .positive()
      .max(24 * 365)
      .describe("how long a grant lasts, in hours (at most a year)"),
  })
  .strict();

export type OnChainPolicyConfig = z.infer<typeof onChainPolicySchema>;

/** The policy file's schema (`$CONVERGENCE_HOME/policy.json`). */
export const policyConfigSchema = z
  .object({
    version: z.literal(1).describe("format version"),
    perTransactionCap: perToken.describe("the most one call may spend, per token"),
    dailyCap: perToken.describe("the most all calls may spend in one UTC day, per token"),
    maxSlippageBps: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .describe("the highest slippage a swap may allow, in basis points"),
    defaultSlippageBps: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .describe("slippage for swaps that name none, in basis points"),
    allowlist: z
      .object({
        ownAccounts: z.boolean().describe("allow transfers to the agent's own accounts"),
        addresses: z
          .array(z.string().regex(/^0x[0-9a-fA-F]{40}$/, "a 0x address"))
          .describe("the recipients you allow besides your own accounts"),
        anyRegisteredAgent: z
          .boolean()
          .optional()
          .describe(
            "opt-in, off by default: also allow every address that owns an AgentRegistry agent; anyone can register() in one call, so this lets injected text pick the recipient",
          ),
      })
      .strict()
      .describe("who transfers may go to: only what you put here"),
    requireConfirmation: z.boolean().describe("ask before every send unless --yes"),
    onChain: onChainPolicySchema
      .optional()
      .describe(
        "the session key's on-chain limits (EIP-7702 account); absent: the caps above, the allowlist's addresses, every target but the AgentRegistry, 24 hours",
      ),
  })
  .strict();

export type PolicyConfig = z.infer<typeof policyConfigSchema>;

/** Defaults written to policy.json on first use: small caps for a devnet wallet. */
export const defaultPolicyConfig: PolicyConfig = {
  version: 1,
  perTransactionCap: { ETH: "1", WETH: "1", USDC: "1000" },
  dailyCap: { ETH: "5", WETH: "5", USDC: "5000" },
  maxSlippageBps: 100,
  defaultSlippageBps: 50,
  allowlist: { ownAccounts: true, addresses: [] },
  requireConfirmation: true,
};
