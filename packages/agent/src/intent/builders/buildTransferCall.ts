import { checkAmount } from "../checkAmount.ts";
import type { ClauseView } from "../createClauseView.ts";
import { vagueAmountWords } from "../lexicon.ts";
import type { BuildResult } from "../types.ts";
import { describeMentionIssue } from "./describeMentionIssue.ts";
import { readRecipient } from "./readRecipient.ts";

export type BuildTransferCallParameters = { view: ClauseView; verbIndex: number };

/**
 * Builds `transfer_tokens` from "send 5 USDC to 0x...", "pay did:ethr:... 12.5 USDC", "give 0x... ten
 * bucks": one exact amount with its token and one address or did:ethr recipient. "everything", "all
 * my" or a missing token are refused.
 *
 * @example
 * buildTransferCall({ view, verbIndex: 0 }); // transfer_tokens { token: "USDC", amount: "5", to: "0x..." }
 */
export function buildTransferCall({ view, verbIndex }: BuildTransferCallParameters): BuildResult {
  view.use(verbIndex);
  const verb = view.wordAt(verbIndex) ?? "send";
  for (const mention of view.amounts) {
    const issue = describeMentionIssue({ mention });
    if (issue) return { ok: false, reason: issue };
  }
  if (view.amounts.length === 0) {
    const vague = view.items.find((item) => item.kind === "word" && vagueAmountWords.has(item.lower));
    return {
      ok: false,
      reason: vague
        ? `"${vague.text}" is not an amount: say exactly how much to ${verb}, e.g. "${verb} 5 USDC to 0x...".`
        : `no amount: say exactly how much to ${verb}, e.g. "${verb} 5 USDC to 0x...".`,
    };
  }
  if (view.amounts.length > 1) {
    return {
      ok: false,
      reason: `more than one amount (${view.amounts.map((m) => m.text).join(", ")}): one transfer per step.`,
    };
  }
  const amount = view.amounts[0]!;
  let symbol = amount.symbol;
  if (symbol === undefined && view.tokens.length === 1) {
    symbol = view.tokens[0]!.symbol;
    view.use(view.tokens[0]!.index);
  }
  if (symbol === undefined)
    return { ok: false, reason: `which token is ${amount.text}? Say e.g. "${verb} ${amount.text} USDC to 0x...".` };
  for (const token of view.tokens) {
    if (token.symbol !== symbol)
      return { ok: false, reason: `two tokens (${symbol} and ${token.symbol}) in one transfer.` };
    view.use(token.index);
  }
  const from = view.findWord(["from"]);
  if (from >= 0)
    return { ok: false, reason: `"from ..." names another source; I send from the agent's own wallet only.` };
  const recipient = readRecipient({ view, role: "recipient", optional: false });
  if (!recipient.ok) return recipient;
  const checked = checkAmount({ mention: amount, symbol });
  if (!checked.ok) return { ok: false, reason: checked.reason };
  view.useAmount(amount);
  return {
    ok: true,
    call: { name: "transfer_tokens", args: { token: symbol, amount: checked.amount, to: recipient.value! } },
  };
}
