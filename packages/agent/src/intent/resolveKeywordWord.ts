import { editDistance } from "./editDistance.ts";
import { foreignTokens, knownWords } from "./lexicon.ts";

/** Words whose misspellings are corrected: the verbs and nouns that choose an action. */
const keywords = [
  "swap",
  "trade",
  "exchange",
  "convert",
  "sell",
  "buy",
  "purchase",
  "send",
  "transfer",
  "wrap",
  "unwrap",
  "quote",
  "price",
  "balance",
  "balances",
  "holdings",
  "portfolio",
  "register",
  "resolve",
  "attestation",
  "slippage",
  "verified",
  "assessment",
  "agent",
  "called",
  "named",
  "tolerance",
];

export type ResolveKeywordWordParameters = { word: string };

/**
 * The action keyword a misspelt word stands for ("swpa" -> "swap", "trasnfer" -> "transfer",
 * "unwarp" -> "unwrap"), or undefined. Words of fewer than four letters, known English words and
 * words as close to two keywords are left alone.
 *
 * @example
 * resolveKeywordWord({ word: "trasnfer" }); // "transfer"
 */
export function resolveKeywordWord({ word }: ResolveKeywordWordParameters): string | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 4 || knownWords.has(lower) || foreignTokens.has(lower) || !/^[a-z]+$/.test(lower))
    return undefined;
  const limit = lower.length >= 7 ? 2 : 1;
  let best = Number.POSITIVE_INFINITY;
  let found: string[] = [];
  for (const keyword of keywords) {
    const distance = editDistance({ a: lower, b: keyword });
    if (distance > limit || distance > best) continue;
    if (distance < best) found = [];
    best = distance;
    found.push(keyword);
  }
  return found.length === 1 ? found[0] : undefined;
}
