import { multiplierWords, multiWordTokenAliases, numberWords, tokenAliases } from "./lexicon.ts";
import { DECIMAL_SCALE, parseDecimal } from "./parseDecimal.ts";
import { resolveKeywordWord } from "./resolveKeywordWord.ts";
import { resolveTokenWord } from "./resolveTokenWord.ts";
import type { Lexeme } from "./tokenize.ts";
import type { TokenSymbol } from "./types.ts";

const ONE = 10n ** BigInt(DECIMAL_SCALE);

/** A lexeme after numbers, units and token names are read. */
export type Item =
  | Exclude<Lexeme, { kind: "number" }>
  /**
   * A number: `value` scaled by 10^18. `currency` when written "$100"; `unit` when followed by "%",
   * "percent" or "bps"; `negative` when written "-5" (always refused as an amount).
   */
  | { kind: "number"; text: string; value: bigint; currency?: "USD"; unit?: "percent" | "bps"; negative?: boolean }
  | { kind: "token"; text: string; symbol: TokenSymbol; fuzzy: boolean }
  /** A misspelt token name as close to two tokens ("seth": ETH or WETH). */
  | { kind: "ambiguous"; text: string; candidates: TokenSymbol[] }
  /** A number that cannot be read as a decimal (too many fractional digits). */
  | { kind: "badNumber"; text: string };

export type ReadPhrasesParameters = { lexemes: Lexeme[] };

const word = (l: Lexeme | Item | undefined): string | undefined => (l?.kind === "word" ? l.lower : undefined);

function splitHyphenated(lexemes: Lexeme[]): Lexeme[] {
  const out: Lexeme[] = [];
  for (const l of lexemes) {
    if (l.kind !== "word" || !l.lower.includes("-")) {
      out.push(l);
      continue;
    }
    const parts = l.text.split("-").filter((p) => p.length > 0);
    const lowerParts = parts.map((p) => p.toLowerCase());
    if (parts.length === 2 && lowerParts.every((p) => tokenAliases[p])) {
      // "weth-usdc": a market pair.
      out.push(
        { kind: "word", text: parts[0]!, lower: lowerParts[0]! },
        { kind: "symbol", text: "/" },
        { kind: "word", text: parts[1]!, lower: lowerParts[1]! },
      );
    } else if (parts.length > 1 && lowerParts.every((p) => p in numberWords)) {
      // "twenty-five".
      for (let i = 0; i < parts.length; i++) out.push({ kind: "word", text: parts[i]!, lower: lowerParts[i]! });
    } else {
      out.push(l);
    }
  }
  return out;
}

/** Reads a run of number words at `start` ("two hundred and fifty", "one and a half", "half an"). */
function readNumberWords(lexemes: Lexeme[], start: number): { value: bigint; end: number } | undefined {
  let i = start;
  const first = word(lexemes[i]);
  const next = word(lexemes[i + 1]);
  // "half a(n) X", "a half", "a quarter", "quarter of a".
  if (first === "half" && (next === "a" || next === "an")) return { value: ONE / 2n, end: i + 2 };
  if ((first === "a" || first === "an") && next === "half") return { value: ONE / 2n, end: i + 2 };
  if ((first === "a" || first === "an") && next === "quarter") {
    const end = word(lexemes[i + 2]) === "of" && ["a", "an"].includes(word(lexemes[i + 3]) ?? "") ? i + 4 : i + 2;
    return { value: ONE / 4n, end };
  }
  if ((first === "a" || first === "an") && (next === "hundred" || next === "thousand" || next === "million")) {
    i += 1;
  }
  let total = 0n;
  let current = 0n;
  let any = false;
  let end = i;
  while (i < lexemes.length) {
    const w = word(lexemes[i]);
    if (w === undefined) break;
    if (w in numberWords) {
      current += BigInt(numberWords[w]!);
    } else if (w === "hundred") {
      current = (current === 0n ? 1n : current) * 100n;
    } else if (w === "thousand" || w === "million") {
      total += (current === 0n ? 1n : current) * multiplierWords[w]!;
      current = 0n;
    } else if (w === "and" && any && word(lexemes[i + 1]) !== undefined && word(lexemes[i + 1])! in numberWords) {
      i += 1;
      continue;
    } else {
      break;
    }
    any = true;
    i += 1;
    end = i;
  }
  if (!any) return undefined;
  const value = (total + current) * ONE;
  // "one and a half".
  if (word(lexemes[end]) === "and" && ["a", "an"].includes(word(lexemes[end + 1]) ?? "")) {
    if (word(lexemes[end + 2]) === "half") return { value: value + ONE / 2n, end: end + 3 };
  }
  return { value, end };
}

function isTokenWordAt(lexemes: Lexeme[], i: number): boolean {
  const w = word(lexemes[i]);
  if (w === undefined) return false;
  if (tokenAliases[w]) return true;
  return multiWordTokenAliases.some((m) => m.words[0] === w && m.words[1] === word(lexemes[i + 1]));
}

/**
 * Second pass over the lexemes: numbers become exact values (with "$", "k", "thousand", "%", "bps"
 * and number words such as "half an" or "two and a half"), token names, multi-word names
 * ("usd coin", "wrapped ether") and typos become tokens, and misspelt action words are corrected.
 *
 * @example
 * readPhrases({ lexemes: tokenize({ text: "half an eth" }) }); // [number 0.5, token ETH]
 */
export function readPhrases({ lexemes: input }: ReadPhrasesParameters): Item[] {
  const lexemes = splitHyphenated(input);
  const items: Item[] = [];
  let i = 0;
  while (i < lexemes.length) {
    const l = lexemes[i]!;
    if (l.kind === "number") {
      let value = parseDecimal({ text: l.text });
      if (value === undefined) {
        items.push({ kind: "badNumber", text: l.text });
        i += 1;
        continue;
      }
      const item: Extract<Item, { kind: "number" }> = { kind: "number", text: l.text, value };
      if (l.currency) item.currency = l.currency;
      if (l.percent) item.unit = "percent";
      const previous = items.at(-1);
      if (previous?.kind === "symbol" && previous.text === "-") {
        items.pop();
        item.negative = true;
      }
      i += 1;
      // Multipliers: "1.5k", "2 thousand", "1 million".
      while (word(lexemes[i]) !== undefined && word(lexemes[i])! in multiplierWords) {
        const m = word(lexemes[i])!;
        const next = lexemes[i];
        if ((m === "k" || m === "mil") && !(next?.kind === "word" && next.attached)) break;
        value = value * multiplierWords[m]!;
        i += 1;
      }
      item.value = value;
      // Units: "%", "percent", "per cent", "pct", "bps", "basis points".
      const unit = word(lexemes[i]);
      if (!item.unit && (unit === "percent" || unit === "pct")) {
        item.unit = "percent";
        i += 1;
      } else if (!item.unit && unit === "per" && word(lexemes[i + 1]) === "cent") {
        item.unit = "percent";
        i += 2;
      } else if (!item.unit && (unit === "bps" || unit === "bp")) {
        item.unit = "bps";
        i += 1;
      } else if (!item.unit && unit === "basis" && ["points", "point"].includes(word(lexemes[i + 1]) ?? "")) {
        item.unit = "bps";
        i += 2;
      } else if (!item.unit && lexemes[i]?.kind === "symbol" && lexemes[i]?.text === "%") {
        item.unit = "percent";
        i += 1;
      }
      items.push(item);
      continue;
    }
    if (l.kind !== "word") {
      items.push(l);
      i += 1;
      continue;
    }
    // "a WETH" / "an ETH": one.
    if ((l.lower === "a" || l.lower === "an") && isTokenWordAt(lexemes, i + 1)) {
      items.push({ kind: "number", text: "1", value: ONE });
      i += 1;
      continue;
    }
    const spelled = readNumberWords(lexemes, i);
    if (spelled) {
      const text = lexemes
        .slice(i, spelled.end)
        .map((x) => x.text)
        .join(" ");
      items.push({ kind: "number", text, value: spelled.value });
      i = spelled.end;
      continue;
    }
    const multi = multiWordTokenAliases.find((m) => m.words[0] === l.lower && m.words[1] === word(lexemes[i + 1]));
    if (multi) {
      items.push({ kind: "token", text: `${l.text} ${lexemes[i + 1]!.text}`, symbol: multi.symbol, fuzzy: false });
      i += 2;
      continue;
    }
    const resolved = resolveTokenWord({ word: l.lower });
    if (resolved.kind === "token") {
      items.push({ kind: "token", text: l.text, symbol: resolved.symbol, fuzzy: resolved.fuzzy });
    } else if (resolved.kind === "ambiguous") {
      items.push({ kind: "ambiguous", text: l.text, candidates: resolved.candidates });
    } else {
      const keyword = resolveKeywordWord({ word: l.lower });
      items.push(keyword ? { kind: "word", text: l.text, lower: keyword } : l);
    }
    i += 1;
  }
  return items;
}
