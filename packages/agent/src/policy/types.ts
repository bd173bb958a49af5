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
