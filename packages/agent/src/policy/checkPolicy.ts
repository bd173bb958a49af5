import { formatDecimal } from "../intent/formatDecimal.ts";
import { parseDecimal } from "../intent/parseDecimal.ts";
import type { PlannedCall, TokenSymbol } from "../intent/types.ts";
import { spendOf } from "./spendOf.ts";
import type { PolicyConfig, PolicyViolation } from "./types.ts";

export type CheckPolicyParameters = {
  config: PolicyConfig;
  call: Pick<PlannedCall, "name" | "args">;
  /** What was already spent today, per token, in whole units. */
  spentToday: Partial<Record<TokenSymbol, string>>;
  /** For transfers and quick inference payments: whether the recipient is on the allowlist (see isAllowedRecipient). */
  recipientAllowed?: boolean;
};

/**
 * The static rules of the spending policy, before any simulation: the token is one the policy caps,
 * the amount is within the per-transaction cap and, with today's spending, the daily cap; a swap's
 * slippage is within the ceiling; a transfer's recipient, and the worker a quick inference pays (`args.payTo`, from its
 * quote), is allowed. Returns the first violation.
 *
 * @example
 * checkPolicy({ config, call, spentToday: { USDC: "900" } }); // { rule: "daily-cap", message: "..." }
 */
export function checkPolicy({
  config,
  call,
  spentToday,
  recipientAllowed,
}: CheckPolicyParameters): PolicyViolation | undefined {
  const spend = spendOf({ call });
  if (spend === undefined && ["transfer_tokens", "swap_tokens"].includes(call.name)) {
    return {
      rule: "unsupported-token",
      message: "the policy caps ETH, WETH and USDC only; this call spends another token.",
    };
  }
  if (spend) {
    const amount = parseDecimal({ text: spend.amount });
    if (amount === undefined || amount <= 0n) {
      return {
        rule: "per-transaction-cap",
        message: `the amount ${spend.amount} ${spend.token} is not a positive decimal.`,
      };
    }
    const perTx = parseDecimal({ text: config.perTransactionCap[spend.token] })!;
    if (amount > perTx) {
      return {
        rule: "per-transaction-cap",
        message: `${spend.amount} ${spend.token} is over the per-transaction cap of ${config.perTransactionCap[spend.token]} ${spend.token}.`,
      };
    }
    const spent = parseDecimal({ text: spentToday[spend.token] ?? "0" }) ?? 0n;
    const daily = parseDecimal({ text: config.dailyCap[spend.token] })!;
    if (spent + amount > daily) {
      return {
        rule: "daily-cap",
        message: `${spend.amount} ${spend.token} on top of ${formatDecimal({ value: spent })} ${spend.token} already spent today is over the daily cap of ${config.dailyCap[spend.token]} ${spend.token}.`,
      };
    }
  }
  if (call.name === "swap_tokens") {
    const bps = typeof call.args.maxSlippageBps === "number" ? call.args.maxSlippageBps : config.defaultSlippageBps;
    if (bps > config.maxSlippageBps) {
      return {
        rule: "slippage-ceiling",
        message: `a slippage of ${bps} bps is over the ceiling of ${config.maxSlippageBps} bps.`,
      };
    }
  }
  if (call.name === "get_quick_inference" && recipientAllowed !== true) {
    return {
      rule: "recipient-allowlist",
      message: `the worker asks to be paid at ${String(call.args.payTo)}, which is not one of your accounts nor on the allowlist in policy.json: if you trust this worker, add ${String(call.args.payTo)} to allowlist.addresses (a quick answer pays the worker directly, like a transfer).`,
    };
  }
  if (call.name === "transfer_tokens" && recipientAllowed !== true) {
    return {
      rule: "recipient-allowlist",
      message: `${String(call.args.to)} is not one of your accounts nor on the allowlist in policy.json (allowlist.addresses); being a registered agent is not enough, anyone can register.`,
    };
  }
  return undefined;
}
