import { editDistance } from "./editDistance.ts";
import { foreignTokens, knownWords, tokenAliases, typoTargets } from "./lexicon.ts";
import type { TokenSymbol } from "./types.ts";

export type ResolveTokenWordParameters = { word: string };
export type ResolveTokenWordReturnType =
  | { kind: "token"; symbol: TokenSymbol; fuzzy: boolean }
  | { kind: "ambiguous"; candidates: TokenSymbol[] }
  | { kind: "none" };

/**
 * Reads one word as a token name: an exact alias in any case ("ether", "USDC", "bucks"), or a typo
 * within a small edit distance ("usdcc", "wteh", "UDSC"). A typo as close to two different tokens
 * ("seth": ETH or WETH) is ambiguous. English words ("with", "use") and other tickers ("usdt") are
 * never read as typos.
 *
 * @example
 * resolveTokenWord({ word: "wteh" }); // { kind: "token", symbol: "WETH", fuzzy: true }
 */
export function resolveTokenWord({ word }: ResolveTokenWordParameters): ResolveTokenWordReturnType {
  const lower = word.toLowerCase();
  const exact = tokenAliases[lower];
  if (exact) return { kind: "token", symbol: exact, fuzzy: false };
  if (lower.length < 3 || knownWords.has(lower) || foreignTokens.has(lower) || !/^[a-z]+\d?$/.test(lower)) {
    return { kind: "none" };
  }
  const limit = lower.length >= 7 ? 2 : 1;
  let best = Number.POSITIVE_INFINITY;
  let symbols = new Set<TokenSymbol>();
  for (const [target, symbol] of Object.entries(typoTargets)) {
    const distance = editDistance({ a: lower, b: target });
    if (distance > limit || distance > best) continue;
    if (distance < best) symbols = new Set();
    best = distance;
    symbols.add(symbol);
  }
  if (symbols.size === 0) return { kind: "none" };
  if (symbols.size > 1) return { kind: "ambiguous", candidates: [...symbols].sort() };
  return { kind: "token", symbol: [...symbols][0]!, fuzzy: true };
}
