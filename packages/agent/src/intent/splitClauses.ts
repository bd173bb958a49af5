import {
  buyVerbs,
  conditionOpeners,
  quoteWords,
  registerVerbs,
  resolveVerbs,
  sellVerbs,
  stepWords,
  transferVerbs,
} from "./lexicon.ts";
import type { Item } from "./readPhrases.ts";

export type SplitClausesParameters = { items: Item[] };

/** After "and", these words start a new step ("... and swap ...", "... and if ..."). */
const startsStep = new Set([
  ...transferVerbs,
  ...sellVerbs,
  ...buyVerbs,
  ...quoteWords,
  ...registerVerbs,
  ...resolveVerbs,
  ...conditionOpeners,
  ...stepWords,
  "wrap",
  "unwrap",
  "check",
  "show",
  "get",
  "tell",
  "look",
  "fetch",
  "find",
  "what",
  "how",
  "please",
  "i",
  "could",
  "can",
  "would",
  "only",
  "request",
  "sign",
  "create",
  "make",
  "list",
  "display",
  "view",
  "do",
  "move",
]);

/**
 * Splits an intent into steps at ";", ",", ".", "?", "!", "then", "and then", "after that",
 * "afterwards", "finally", "also", and at "and" when what follows starts a new step ("... and swap",
 * "... and if"). "and" inside a step ("ETH and USDC balances", "two and a half") does not split.
 *
 * @example
 * splitClauses({ items }).length; // 2 for "wrap 2 ETH and then swap 2 WETH for USDC"
 */
export function splitClauses({ items }: SplitClausesParameters): Item[][] {
  const clauses: Item[][] = [];
  let current: Item[] = [];
  const flush = () => {
    if (current.length > 0) clauses.push(current);
    current = [];
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === "separator") {
      flush();
      continue;
    }
    if (item.kind === "word") {
      const next = items[i + 1];
      const nextWord = next?.kind === "word" ? next.lower : undefined;
      if (item.lower === "after" && (nextWord === "that" || nextWord === "which" || nextWord === "this")) {
        flush();
        i += 1;
        continue;
      }
      if (stepWords.has(item.lower) && !(item.lower === "next" && current.length > 0)) {
        flush();
        continue;
      }
      if (item.lower === "and" && nextWord !== undefined && startsStep.has(nextWord) && current.length > 0) {
        flush();
        continue;
      }
    }
    current.push(item);
  }
  flush();
  return clauses;
}
