import { checkAmount } from "../checkAmount.ts";
import type { ClauseView, TokenMention } from "../createClauseView.ts";
import { knownWords, vagueAmountWords } from "../lexicon.ts";
import type { BuildResult, TokenSymbol } from "../types.ts";
import { describeMentionIssue } from "./describeMentionIssue.ts";
import { readSlippage } from "./readSlippage.ts";

export type BuildSwapCallParameters = {
  view: ClauseView;
  /** Index of the verb (or question word) that chose the action. */
  verbIndex: number;
  /**
   * `sell`: the object is what you give ("swap/sell/convert X for Y", "quote X -> Y").
   * `buy`: the object is what you get ("buy Y with X", "how much Y would I get for X").
   */
  mode: "sell" | "buy";
  /** A quote (read-only) rather than a swap. */
  quote: boolean;
};

const outputPrepositions = new Set(["for", "to", "into", "->", "in", "on", "toward", "towards"]);
const counterpart: Record<TokenSymbol, TokenSymbol> = { ETH: "USDC", WETH: "USDC", USDC: "WETH" };

function unknownTargetToken(view: ClauseView): string | undefined {
  for (let i = 0; i < view.items.length - 1; i++) {
    const w = view.wordAt(i);
    if (w === undefined || !outputPrepositions.has(w)) continue;
    const next = view.items[i + 1];
    if (next?.kind === "word" && !knownWords.has(next.lower) && /^[a-z][a-z0-9]*$/.test(next.lower)) return next.text;
  }
  return undefined;
}

/**
 * Builds `swap_tokens` or `quote_swap` from one step. Exactly one amount, written with its token, is
 * what goes in; the one token named without an amount is what comes out. Exact-output phrasings
 * ("buy 0.1 WETH with USDC", "sell USDC for 0.5 WETH") and a missing side are refused, not guessed.
 * ETH <-> WETH "swaps" become wrap_eth / unwrap_eth.
 *
 * @example
 * buildSwapCall({ view, verbIndex: 0, mode: "sell", quote: false }); // swap_tokens USDC -> WETH 100
 */
export function buildSwapCall({ view, verbIndex, mode, quote }: BuildSwapCallParameters): BuildResult {
  view.use(verbIndex);
  const verb = view.wordAt(verbIndex) ?? "swap";
  for (const mention of view.amounts) {
    const issue = describeMentionIssue({ mention });
    if (issue) return { ok: false, reason: issue };
  }
  const unknownTarget = unknownTargetToken(view);
  if (view.amounts.length === 0 && quote && view.tokens.length > 0 && view.tokens.length <= 2) {
    // "what's the price of ETH", "price of WETH in USDC": a read-only quote for one unit.
    const input =
      view.tokens.find((t) => t.before === undefined || !outputPrepositions.has(t.before)) ?? view.tokens[0]!;
    const other = view.tokens.find((t) => t !== input);
    const tokenOut = other?.symbol ?? counterpart[input.symbol];
    if (input.symbol === tokenOut || (input.symbol !== "USDC" && tokenOut !== "USDC")) {
      return { ok: false, reason: `there is no ${input.symbol}/${tokenOut} market to quote.` };
    }
    for (const token of view.tokens) view.use(token.index);
    return { ok: true, call: { name: "quote_swap", args: { tokenIn: input.symbol, tokenOut, amountIn: "1" } } };
  }
  if (view.amounts.length === 0) {
    if (unknownTarget && view.tokens.length < 2) {
      return { ok: false, reason: `I do not know the token "${unknownTarget}": I can use ETH, WETH and USDC.` };
    }
    const vague = view.items.find((item) => item.kind === "word" && vagueAmountWords.has(item.lower));
    const named = view.tokens[0]?.symbol ?? "of the token";
    return {
      ok: false,
      reason: vague
        ? `"${vague.text}" is not an amount: say exactly how much, e.g. "${quote ? "quote" : "swap"} 100 USDC for WETH".`
        : `no amount: say exactly how much ${named} to ${quote ? "quote" : verb}, e.g. "${quote ? "quote" : "swap"} 100 USDC for WETH".`,
    };
  }
  if (view.amounts.length > 1) {
    return {
      ok: false,
      reason: `two amounts (${view.amounts.map((m) => m.text).join(" and ")}): I swap an exact amount in, so name only what to spend.`,
    };
  }
  const amount = view.amounts[0]!;
  if (amount.symbol === undefined) {
    return { ok: false, reason: `which token is ${amount.text}? Say e.g. "${amount.text} USDC".` };
  }
  let output: TokenMention | undefined;
  if (view.tokens.length === 1) {
    output = view.tokens[0];
  } else if (view.tokens.length > 1) {
    const distinct = new Set(view.tokens.map((t) => t.symbol));
    const targeted = view.tokens.filter((t) => t.before !== undefined && outputPrepositions.has(t.before));
    if (distinct.size === 1) output = view.tokens[0];
    else if (targeted.length === 1 && mode === "sell") output = targeted[0];
    else
      return {
        ok: false,
        reason: `too many tokens (${view.tokens.map((t) => t.symbol).join(", ")}): name one to spend and one to receive.`,
      };
    if (view.tokens.some((t) => t.symbol !== output!.symbol)) {
      return {
        ok: false,
        reason: `too many tokens (${view.tokens.map((t) => t.symbol).join(", ")}): name one to spend and one to receive.`,
      };
    }
  }
  // Exact-output phrasings: the amount belongs to what is received.
  const followedByOf = ["of", "worth"].includes(view.wordAt(amount.end) ?? "");
  if (output && mode === "sell" && amount.before !== undefined && ["for", "to", "into", "->"].includes(amount.before)) {
    if (output.before === undefined || !outputPrepositions.has(output.before)) {
      return {
        ok: false,
        reason: `${amount.text} ${amount.symbol} is what you would receive; I only swap an exact amount in: say how much ${output.symbol} to spend.`,
      };
    }
  }
  if (mode === "buy" && !quote && amount.index > verbIndex && amount.before === verb && !followedByOf) {
    return {
      ok: false,
      reason: `${amount.text} ${amount.symbol} is what you would receive; I only swap an exact amount in: say how much to spend, e.g. "buy WETH with 100 USDC".`,
    };
  }
  if (!output) {
    if (unknownTarget)
      return { ok: false, reason: `I do not know the token "${unknownTarget}": I can use ETH, WETH and USDC.` };
    if (!quote) {
      return {
        ok: false,
        reason: `which token should ${amount.text} ${amount.symbol} become? Say e.g. "${verb} ${amount.text} ${amount.symbol} for ${counterpart[amount.symbol]}".`,
      };
    }
  }
  const tokenIn = amount.symbol;
  const tokenOut = output?.symbol ?? counterpart[tokenIn];
  if (tokenIn === tokenOut) return { ok: false, reason: `${tokenIn} for ${tokenOut} is the same token.` };
  const checked = checkAmount({ mention: amount, symbol: tokenIn });
  if (!checked.ok) return { ok: false, reason: checked.reason };
  view.useAmount(amount);
  for (const token of view.tokens) view.use(token.index);
  const slippage = readSlippage({ view });
  if (quote) {
    if (tokenIn === "ETH" || tokenOut === "ETH") {
      if (tokenIn === "WETH" || tokenOut === "WETH") {
        return { ok: false, reason: "ETH and WETH convert 1:1 by wrapping; there is nothing to quote." };
      }
    }
    return { ok: true, call: { name: "quote_swap", args: { tokenIn, tokenOut, amountIn: checked.amount } } };
  }
  if (!slippage.ok) return { ok: false, reason: slippage.reason };
  if (tokenIn === "ETH" && tokenOut === "WETH")
    return { ok: true, call: { name: "wrap_eth", args: { amount: checked.amount } } };
  if (tokenIn === "WETH" && tokenOut === "ETH")
    return { ok: true, call: { name: "unwrap_eth", args: { amount: checked.amount } } };
  const args: Record<string, string | number> = { tokenIn, tokenOut, amountIn: checked.amount };
  if (slippage.bps !== undefined) args.maxSlippageBps = slippage.bps;
  return { ok: true, call: { name: "swap_tokens", args } };
}
