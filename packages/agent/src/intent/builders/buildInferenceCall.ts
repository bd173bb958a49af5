import { checkAmount } from "../checkAmount.ts";
import type { ClauseView } from "../createClauseView.ts";
import type { BuildResult, TokenSymbol } from "../types.ts";
import { describeMentionIssue } from "./describeMentionIssue.ts";
import { readInferencePath } from "./readInferencePath.ts";

export type BuildInferenceCallParameters = { view: ClauseView; verbIndex: number };

/** The model the corpus and the worker use unless another is named. */
export const DEFAULT_INFERENCE_MODEL = "risk-v1";

const capWords = new Set([
  "paying",
  "pay",
  "at",
  "most",
  "up",
  "to",
  "max",
  "maximum",
  "no",
  "not",
  "more",
  "than",
  "budget",
  "of",
  "for",
  "limit",
  "limited",
  "cap",
  "capped",
  "spending",
  "spend",
  "willing",
  "with",
  "costing",
  "cost",
  "under",
  "below",
  "less",
  "a",
  "fee",
  "and",
  "i",
  "will",
  "am",
]);
const modelPattern = /^[a-z][a-z0-9_]*-v\d+$/i;

/** The market a risk score is for: ETH pairs are the WETH pool's. */
const marketToken = (symbol: TokenSymbol): TokenSymbol => (symbol === "ETH" ? "WETH" : symbol);

/**
 * Builds `request_verified_inference`: "get a verified risk score for WETH/USDC paying at most 2 USDC", or
 * `get_quick_inference` when the user says an unproven answer will do ("quick answer is fine", "no proof needed",
 * "unproven": readInferencePath). The subject is a token pair ("WETH/USDC", "weth-usdc", "the WETH USDC pool"); the
 * most it may pay is an exact USDC amount, required because the call spends. The model is risk-v1 unless one such as
 * "risk-v2" is named. The call's `why` says which path was taken and what chose it.
 *
 * @example
 * buildInferenceCall({ view, verbIndex: 3 }); // request_verified_inference { model: "risk-v1", subject: "WETH/USDC", maxPayment: "2" }
 */
export function buildInferenceCall({ view, verbIndex }: BuildInferenceCallParameters): BuildResult {
  view.use(verbIndex);
  view.useWords([
    "risk",
    "inference",
    "score",
    "scores",
    "assessment",
    "rating",
    "level",
    "analysis",
    "report",
    "evaluation",
  ]);
  const path = readInferencePath({ view });
  if (!path.ok) return { ok: false, reason: path.reason, conflict: true };
  const quick = path.path === "quick";
  let model = DEFAULT_INFERENCE_MODEL;
  for (let i = 0; i < view.items.length; i++) {
    const item = view.items[i]!;
    if (item.kind === "word" && modelPattern.test(item.text)) {
      model = item.text.toLowerCase();
      view.use(i);
      if (view.wordAt(i - 1) === "model") view.use(i - 1);
    }
  }
  // Subject: a pair of tokens, "A/B" or "A B" side by side.
  const pairs: { index: number; subject: string }[] = [];
  for (const token of view.tokens) {
    const i = token.index;
    const slash = view.items[i + 1];
    const other = view.items[i + 2];
    if (slash?.kind === "symbol" && slash.text === "/" && other?.kind === "token") {
      pairs.push({ index: i, subject: `${marketToken(token.symbol)}/${marketToken(other.symbol)}` });
      view.use(i, i + 1, i + 2);
    } else if (view.items[i + 1]?.kind === "token" && view.tokens.some((t) => t.index === i + 1)) {
      const next = view.items[i + 1] as { symbol: TokenSymbol };
      pairs.push({ index: i, subject: `${marketToken(token.symbol)}/${marketToken(next.symbol)}` });
      view.use(i, i + 1);
    }
  }
  // "A/B" where B was read as the token of a preceding number is still a pair: "2 USDC" cannot follow "/".
  if (pairs.length === 0) {
    const single = view.tokens.filter((t) => !view.used.has(t.index));
    return {
      ok: false,
      reason:
        single.length > 0
          ? `name the market as a pair, e.g. "WETH/USDC", not just ${single.map((t) => t.symbol).join(", ")}.`
          : 'no market: say which pair to score, e.g. "a verified risk score for WETH/USDC".',
    };
  }
  if (pairs.length > 1 || pairs.some((p) => p.subject.split("/")[0] === p.subject.split("/")[1])) {
    return {
      ok: false,
      reason: `name one market with two different tokens (read: ${pairs.map((p) => p.subject).join(", ")}).`,
    };
  }
  view.useWords(["pool", "market", "pair"]);
  for (const mention of view.amounts) {
    const issue = describeMentionIssue({ mention });
    if (issue) return { ok: false, reason: issue };
  }
  if (view.amounts.length === 0) {
    return {
      ok: false,
      reason: quick
        ? 'a quick answer is paid per call: say the most to pay, e.g. "at most 0.05 USDC".'
        : 'a verified inference is paid for: say the most to pay, e.g. "paying at most 2 USDC".',
    };
  }
  if (view.amounts.length > 1) {
    return {
      ok: false,
      reason: `more than one amount (${view.amounts.map((m) => m.text).join(", ")}): say one most-to-pay.`,
    };
  }
  const payment = view.amounts[0]!;
  if (payment.symbol !== undefined && payment.symbol !== "USDC") {
    return { ok: false, reason: `inference is paid in USDC, not ${payment.symbol}.` };
  }
  const checked = checkAmount({ mention: payment, symbol: "USDC" });
  if (!checked.ok) return { ok: false, reason: checked.reason };
  view.useAmount(payment);
  for (let i = Math.max(0, payment.index - 6); i < payment.index; i++) {
    const w = view.wordAt(i);
    if (w !== undefined && capWords.has(w)) view.use(i);
  }
  const args = { model, subject: pairs[0]!.subject, maxPayment: checked.amount };
  if (quick) {
    return {
      ok: true,
      call: {
        name: "get_quick_inference",
        args,
        why: `quick: you said "${path.said}", so an unproven answer paid per call over x402 (no escrow, no proof checked on-chain; nothing may depend on it)`,
      },
    };
  }
  return {
    ok: true,
    call: {
      name: "request_verified_inference",
      args,
      why:
        path.said === undefined
          ? 'verified: a risk score is bought through the escrow and proven on-chain unless you say an unproven one is fine ("quick answer is fine")'
          : `verified: you said "${path.said}", so the escrow pays only once a zero-knowledge proof is checked on-chain`,
    },
  };
}
