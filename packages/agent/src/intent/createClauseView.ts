import { knownWords } from "./lexicon.ts";
import type { Item } from "./readPhrases.ts";
import type { TokenSymbol } from "./types.ts";

/** A number that is an amount (not a percentage), with the token it was written with, if any. */
export type AmountMention = {
  index: number;
  value: bigint;
  text: string;
  negative: boolean;
  /** Token the amount is written with ("100 USDC", "$100"); undefined for a bare "100". */
  symbol: TokenSymbol | undefined;
  /** Index of the token item bound to the amount, if it has its own item. */
  tokenIndex: number | undefined;
  /** An unknown word right after the number: a token the agent does not know ("100 DOGE"). */
  unknownToken: string | undefined;
  /** A misspelt token right after the number that could be two tokens. */
  ambiguous: Extract<Item, { kind: "ambiguous" }> | undefined;
  /** The word before the amount, skipping articles ("for", "with", "pay", ...). */
  before: string | undefined;
  /** The index of the first item after the amount phrase. */
  end: number;
};

/** A token named without an amount ("... for WETH"). */
export type TokenMention = { index: number; symbol: TokenSymbol; before: string | undefined };

export type ClauseView = {
  items: Item[];
  /** Indices of items a builder has interpreted; what is left is checked for meaning it would drop. */
  used: Set<number>;
  amounts: AmountMention[];
  tokens: TokenMention[];
  /** Numbers written with "%", "percent" or "bps". */
  rates: number[];
  wordAt(index: number): string | undefined;
  /** Index of the first word in `words`, or -1. */
  findWord(words: ReadonlySet<string> | readonly string[], from?: number): number;
  /** Marks every occurrence of these words as used. */
  useWords(words: ReadonlySet<string> | readonly string[]): void;
  use(...indices: number[]): void;
  /** Marks an amount phrase (number, fillers, token) as used. */
  useAmount(mention: AmountMention): void;
};

export type CreateClauseViewParameters = { items: Item[] };

const skippable = new Set(["the", "some", "a", "an", "my", "our", "more", "of"]);
const bindingFillers = new Set(["of", "my", "the", "our", "your"]);

function wordBefore(items: Item[], index: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.kind === "symbol" && item.text === "->") return "->";
    if (item.kind !== "word") return undefined;
    if (!skippable.has(item.lower)) return item.lower;
  }
  return undefined;
}

/**
 * Indexes one clause for the action builders: which numbers are amounts and which token each is
 * written with ("100 USDC", "$100", "100 of my USDC", "USDC 100"), which tokens stand alone, and
 * which numbers are rates ("1%", "50 bps").
 *
 * @example
 * createClauseView({ items: readPhrases({ lexemes: tokenize({ text: "swap 100 USDC for WETH" }) }) }).amounts[0]?.symbol; // "USDC"
 */
export function createClauseView({ items }: CreateClauseViewParameters): ClauseView {
  const amounts: AmountMention[] = [];
  const rates: number[] = [];
  const bound = new Set<number>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind !== "number") continue;
    if (item.unit) {
      rates.push(i);
      continue;
    }
    const mention: AmountMention = {
      index: i,
      value: item.value,
      text: item.text,
      negative: item.negative === true,
      symbol: item.currency ? "USDC" : undefined,
      tokenIndex: undefined,
      unknownToken: undefined,
      ambiguous: undefined,
      before: wordBefore(items, i),
      end: i + 1,
    };
    // Forward binding: "100 USDC", "100 of my USDC"; "$100 USDC" and "$100 of USDC" bind only the stablecoin.
    let j = i + 1;
    let skipped = 0;
    while (skipped < 2 && items[j]?.kind === "word" && bindingFillers.has((items[j] as { lower: string }).lower)) {
      j += 1;
      skipped += 1;
    }
    const next = items[j];
    if (next?.kind === "token" && !bound.has(j) && (!item.currency || next.symbol === "USDC")) {
      mention.symbol = next.symbol;
      mention.tokenIndex = j;
      mention.end = j + 1;
      bound.add(j);
    } else if (!item.currency && next?.kind === "ambiguous" && skipped === 0) {
      mention.ambiguous = next;
    } else if (!item.currency && next?.kind === "word" && skipped === 0 && !knownWords.has(next.lower)) {
      if (/^[a-z][a-z0-9]*$/.test(next.lower)) mention.unknownToken = next.text;
    }
    amounts.push(mention);
  }
  // Backward binding: "USDC 100".
  for (const mention of amounts) {
    if (mention.symbol || mention.unknownToken || mention.ambiguous) continue;
    const previous = items[mention.index - 1];
    if (previous?.kind === "token" && !bound.has(mention.index - 1)) {
      mention.symbol = previous.symbol;
      mention.tokenIndex = mention.index - 1;
      bound.add(mention.index - 1);
    }
  }
  const tokens: TokenMention[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === "token" && !bound.has(i))
      tokens.push({ index: i, symbol: item.symbol, before: wordBefore(items, i) });
  }
  const used = new Set<number>();
  const wordAt = (index: number) => {
    const item = items[index];
    return item?.kind === "word" ? item.lower : undefined;
  };
  const has = (set: ReadonlySet<string> | readonly string[], w: string) =>
    Array.isArray(set) ? set.includes(w) : (set as ReadonlySet<string>).has(w);
  return {
    items,
    used,
    amounts,
    tokens,
    rates,
    wordAt,
    findWord(words, from = 0) {
      for (let i = from; i < items.length; i++) {
        const w = wordAt(i);
        if (w !== undefined && has(words, w)) return i;
      }
      return -1;
    },
    useWords(words) {
      for (let i = 0; i < items.length; i++) {
        const w = wordAt(i);
        if (w !== undefined && has(words, w)) used.add(i);
      }
    },
    use(...indices) {
      for (const i of indices) used.add(i);
    },
    useAmount(mention) {
      for (let i = mention.index; i < mention.end; i++) used.add(i);
      if (mention.tokenIndex !== undefined) used.add(mention.tokenIndex);
    },
  };
}
