import { checkAmount } from "../checkAmount.ts";
import type { ClauseView } from "../createClauseView.ts";
import type { BuildResult, TokenSymbol } from "../types.ts";
import { describeMentionIssue } from "./describeMentionIssue.ts";

export type BuildWrapCallParameters = { view: ClauseView; verbIndex: number; unwrap: boolean };

/**
 * Builds `wrap_eth` ("wrap 1 ETH", "wrap half an ether into WETH") or `unwrap_eth` ("unwrap 0.25
 * WETH"): one exact amount; the token, if named, must be the one that is wrapped or unwrapped.
 *
 * @example
 * buildWrapCall({ view, verbIndex: 0, unwrap: false }); // wrap_eth { amount: "1" }
 */
export function buildWrapCall({ view, verbIndex, unwrap }: BuildWrapCallParameters): BuildResult {
  view.use(verbIndex);
  const name = unwrap ? "unwrap_eth" : "wrap_eth";
  const from: TokenSymbol = unwrap ? "WETH" : "ETH";
  for (const mention of view.amounts) {
    const issue = describeMentionIssue({ mention });
    if (issue) return { ok: false, reason: issue };
  }
  if (view.amounts.length !== 1) {
    return {
      ok: false,
      reason:
        view.amounts.length === 0
          ? `no amount: say exactly how much ${from} to ${unwrap ? "unwrap" : "wrap"}, e.g. "${unwrap ? "unwrap 0.5 WETH" : "wrap 1 ETH"}".`
          : `more than one amount (${view.amounts.map((m) => m.text).join(", ")}).`,
    };
  }
  const amount = view.amounts[0]!;
  // "unwrap 1 ETH" still means the wrapped kind; "wrap 1 USDC" means nothing.
  if (amount.symbol === "USDC")
    return { ok: false, reason: `only ETH can be wrapped and only WETH unwrapped, not USDC.` };
  if (!unwrap && amount.symbol === "WETH")
    return { ok: false, reason: "WETH is already wrapped: did you mean unwrap?" };
  for (const token of view.tokens) {
    if (token.symbol === "USDC")
      return { ok: false, reason: "only ETH can be wrapped and only WETH unwrapped, not USDC." };
    view.use(token.index);
  }
  const checked = checkAmount({ mention: amount, symbol: from });
  if (!checked.ok) return { ok: false, reason: checked.reason };
  view.useAmount(amount);
  return { ok: true, call: { name, args: { amount: checked.amount } } };
}
