/** One unit of an intent after tokenizing (before numbers, tokens and typos are read). */
export type Lexeme =
  /** A word; `text` keeps the user's spelling (agent names), `lower` is for matching. */
  | { kind: "word"; text: string; lower: string; attached?: boolean }
  /**
   * A number as written, digits only (separators removed) and an exponent if written with one ("1e6", which no
   * amount accepts); `currency` when written with "$".
   */
  | { kind: "number"; text: string; currency?: "USD"; percent?: boolean }
  /** 0x + 40 hex digits. */
  | { kind: "address"; text: string }
  /** 0x + 64 hex digits (attestation ids, hashes). */
  | { kind: "hash"; text: string }
  /** 0x + any other number of hex digits: never an address, always refused where one is expected. */
  | { kind: "hex"; text: string }
  | { kind: "did"; text: string }
  | { kind: "url"; text: string }
  | { kind: "quoted"; text: string }
  | { kind: "symbol"; text: "/" | "->" | "-" | "$" | "%" | "<" | ">" | "<=" | ">=" | "=" }
  | { kind: "separator"; text: "," | ";" | "." | "?" | "!" };

export type TokenizeParameters = { text: string };

const contractions: [RegExp, string][] = [
  [/\bcan't\b/gi, "can not"],
  [/\bwon't\b/gi, "will not"],
  [/\b(\w+)n't\b/gi, "$1 not"],
  [/\blet's\b/gi, "let us"],
  [/\b(it|what|that|there|here|who|how|where)'s\b/gi, "$1 is"],
  [/\b(\w+)'d\b/gi, "$1 would"],
  [/\b(\w+)'m\b/gi, "$1 am"],
  [/\b(\w+)'re\b/gi, "$1 are"],
  [/\b(\w+)'ll\b/gi, "$1 will"],
  [/\b(\w+)'ve\b/gi, "$1 have"],
  [/\b(\w+)'s\b/gi, "$1"],
];

const patterns: { kind: string; re: RegExp }[] = [
  { kind: "space", re: /\s+/y },
  { kind: "url", re: /https?:\/\/[^\s,;"'<>]+/iy },
  { kind: "did", re: /did:[a-z0-9]+(?::[a-z0-9._%-]+)+/iy },
  { kind: "hexlike", re: /0x[0-9a-z]*/iy },
  // The exponent is read only to be refused: "1e-4 eth" must not become "1 eth" plus an unknown word "e-4".
  { kind: "number", re: /(\$\s?)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)([eE][+-]?\d+)?(\s?\$)?/y },
  { kind: "quoted", re: /"([^"]*)"|(?<![\w])'([^']*)'(?![\w])/y },
  { kind: "word", re: /[a-z_][a-z0-9_-]*(?:\.[a-z0-9_-]+)*/iy },
  { kind: "symbol", re: /->|=>|→|<=|>=|\/|\$|%|<|>|=|-/y },
  { kind: "separator", re: /[,;.?!]/y },
];

/**
 * Splits an English intent into lexemes: words, numbers (with "$" and "1,000" separators), 0x values
 * by length, DIDs, URLs, quoted names, symbols and clause separators. Contractions are expanded first
 * ("don't" -> "do not") so negations are never lost. Characters it has no use for are skipped.
 *
 * @example
 * tokenize({ text: "swap $1,000 for WETH" }).map((l) => l.text); // ["swap", "1000", "for", "WETH"]
 */
export function tokenize({ text }: TokenizeParameters): Lexeme[] {
  let input = text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, "-");
  for (const [re, replacement] of contractions) input = input.replace(re, replacement);
  const lexemes: Lexeme[] = [];
  let position = 0;
  let previousEnd = -1;
  while (position < input.length) {
    let matched = false;
    for (const { kind, re } of patterns) {
      re.lastIndex = position;
      const match = re.exec(input);
      if (!match || match[0].length === 0) continue;
      const raw = match[0];
      const attached = position === previousEnd;
      position += raw.length;
      matched = true;
      if (kind === "space") break;
      previousEnd = position;
      if (kind === "url") {
        const url = raw.replace(/[.?!)]+$/, "");
        position -= raw.length - url.length;
        previousEnd = position;
        lexemes.push({ kind: "url", text: url });
      } else if (kind === "did") {
        const did = raw.replace(/[.]+$/, "");
        position -= raw.length - did.length;
        previousEnd = position;
        lexemes.push({ kind: "did", text: did });
      } else if (kind === "hexlike") {
        const body = raw.slice(2);
        if (/^[0-9a-f]*$/i.test(body) && body.length === 40) lexemes.push({ kind: "address", text: raw });
        else if (/^[0-9a-f]*$/i.test(body) && body.length === 64) lexemes.push({ kind: "hash", text: raw });
        else lexemes.push({ kind: "hex", text: raw });
      } else if (kind === "number") {
        const digits = (match[2] ?? "").replaceAll(",", "") + (match[3] ?? "");
        const currency = match[1] !== undefined || match[4] !== undefined;
        const lexeme: Lexeme = { kind: "number", text: digits };
        if (currency) lexeme.currency = "USD";
        if (input[position] === "%") {
          lexeme.percent = true;
          position += 1;
          previousEnd = position;
        }
        lexemes.push(lexeme);
      } else if (kind === "quoted") {
        lexemes.push({ kind: "quoted", text: (match[1] ?? match[2] ?? "").trim() });
      } else if (kind === "word") {
        const word: Lexeme = { kind: "word", text: raw, lower: raw.toLowerCase() };
        if (attached && lexemes.at(-1)?.kind === "number") word.attached = true;
        lexemes.push(word);
      } else if (kind === "symbol") {
        const symbol = raw === "→" || raw === "=>" ? "->" : raw;
        lexemes.push({ kind: "symbol", text: symbol as "/" });
      } else {
        lexemes.push({ kind: "separator", text: raw as "," });
      }
      break;
    }
    if (!matched) position += 1;
  }
  return lexemes;
}
