import type { ClauseView } from "../createClauseView.ts";
import { DECIMAL_SCALE } from "../parseDecimal.ts";

export type ReadSlippageParameters = { view: ClauseView };
export type ReadSlippageReturnType = { ok: true; bps: number | undefined } | { ok: false; reason: string };

const slippageWords = new Set(["slippage", "slip", "tolerance"]);
const capWords = new Set([
  "max",
  "maximum",
  "at",
  "most",
  "up",
  "to",
  "no",
  "more",
  "than",
  "of",
  "with",
  "allowing",
  "allow",
  "allowed",
  "under",
  "below",
  "within",
  "less",
  "limit",
  "cap",
  "capped",
  "a",
  "tolerance",
  "set",
  "is",
  "=",
]);

/**
 * Reads a slippage bound in basis points: "max 1% slippage" (100), "slippage 50 bps" (50),
 * "0.5% slippage tolerance" (50). A percentage with no "slippage" beside it is not read as one
 * ("swap 50% of my USDC" refuses). Undefined when the step names no slippage.
 *
 * @example
 * readSlippage({ view }); // { ok: true, bps: 100 }
 */
export function readSlippage({ view }: ReadSlippageParameters): ReadSlippageReturnType {
  const keyword = view.findWord(slippageWords);
  if (view.rates.length === 0) {
    if (keyword >= 0) return { ok: false, reason: 'say the slippage as a number, e.g. "max 1% slippage" or "50 bps".' };
    return { ok: true, bps: undefined };
  }
  if (view.rates.length > 1) return { ok: false, reason: "the step names more than one percentage." };
  const index = view.rates[0]!;
  const rate = view.items[index]!;
  if (rate.kind !== "number") return { ok: true, bps: undefined };
  // "swap 100 USDC for WETH max 1%": a capped percentage in a swap is its slippage, unless "of" follows ("50% of").
  const capped = ["max", "maximum", "most"].includes(view.wordAt(index - 1) ?? "") && view.wordAt(index + 1) !== "of";
  if (keyword < 0 && !capped) {
    return {
      ok: false,
      reason: `${rate.text}${rate.unit === "bps" ? " bps" : "%"} is not a slippage bound I can read: say e.g. "max 1% slippage"; amounts must be exact, not a share of a balance.`,
    };
  }
  const one = 10n ** BigInt(DECIMAL_SCALE);
  const scaled = rate.unit === "percent" ? rate.value * 100n : rate.value;
  if (rate.negative || scaled % one !== 0n) {
    return {
      ok: false,
      reason: `slippage ${rate.text}${rate.unit === "bps" ? " bps" : "%"} is not a whole number of basis points.`,
    };
  }
  const bps = Number(scaled / one);
  if (bps > 10_000) return { ok: false, reason: `slippage ${bps} bps is more than 100%.` };
  const anchor = keyword < 0 ? index : keyword;
  const from = Math.max(0, Math.min(index, anchor) - 3);
  const to = Math.max(index, anchor);
  for (let i = from; i <= to; i++) {
    const w = view.wordAt(i);
    if (i === index || i === anchor || (w !== undefined && (capWords.has(w) || slippageWords.has(w)))) view.use(i);
  }
  view.useWords(slippageWords);
  return { ok: true, bps };
}
