import { buildAttestationCall } from "./builders/buildAttestationCall.ts";
import { buildBalancesCall } from "./builders/buildBalancesCall.ts";
import { buildInferenceCall } from "./builders/buildInferenceCall.ts";
import { buildRegisterCall } from "./builders/buildRegisterCall.ts";
import { buildResolveCall } from "./builders/buildResolveCall.ts";
import { buildSwapCall } from "./builders/buildSwapCall.ts";
import { buildTransferCall } from "./builders/buildTransferCall.ts";
import { buildWrapCall } from "./builders/buildWrapCall.ts";
import { type ClauseView, createClauseView } from "./createClauseView.ts";
import {
  attestationNouns,
  balanceNouns,
  buyVerbs,
  conditionOpeners,
  courtesyWords,
  createVerbs,
  dangerWords,
  possessionVerbs,
  quoteWords,
  registerVerbs,
  resolveVerbs,
  riskNouns,
  sellVerbs,
  transferVerbs,
} from "./lexicon.ts";
import { type ParsedCondition, parseCondition } from "./parseCondition.ts";
import type { Item } from "./readPhrases.ts";
import type { BuildResult, PlannedCall } from "./types.ts";

export type ParseClauseParameters = { items: Item[] };

export type ParseClauseReturnType =
  /** A call, with the condition written in the same step if there was one. */
  | { kind: "call"; call: PlannedCall; condition: ParsedCondition | undefined }
  /** Only a condition ("if the risk is low,"): it applies to the next step. */
  | { kind: "condition"; condition: ParsedCondition }
  /** Only courtesy ("thanks!"). */
  | { kind: "empty" }
  /** `conflict`: the step asks for two things that exclude each other ("verified" and "quick answer is fine"). */
  | { kind: "refuse"; reason: string; noAction?: boolean; conflict?: boolean };

const leadingFillers = new Set(["and", "but", "so", "then", "also", "finally", "next", "ok", "okay", "now", "only"]);

function text(items: Item[]): string {
  return items.map((i) => i.text).join(" ");
}

/** Finds the action of a step: strong nouns first, then the first verb or question form. */
function chooseAction(view: ClauseView): { build: () => BuildResult } | undefined {
  const { items } = view;
  const at = (words: ReadonlySet<string> | string[]) => view.findWord(words);
  const attestation = at(attestationNouns);
  if (attestation >= 0) return { build: () => buildAttestationCall({ view, verbIndex: attestation }) };
  const register = at(registerVerbs);
  const signUp = items.findIndex(
    (_, i) => view.wordAt(i) === "sign" && ["up", "me"].includes(view.wordAt(i + 1) ?? ""),
  );
  const create = at(createVerbs);
  const agentNoun = at(["agent"]);
  if (register >= 0 || signUp >= 0 || (create >= 0 && agentNoun > create)) {
    const verbIndex = [register, signUp, create].filter((i) => i >= 0).sort((a, b) => a - b)[0]!;
    return { build: () => buildRegisterCall({ view, verbIndex }) };
  }
  const risk = items.findIndex(
    (item) => item.kind === "word" && (riskNouns.has(item.lower) || /^[a-z][a-z0-9_]*-v\d+$/.test(item.lower)),
  );
  if (risk >= 0) return { build: () => buildInferenceCall({ view, verbIndex: risk }) };
  for (let i = 0; i < items.length; i++) {
    const w = view.wordAt(i);
    if (w === undefined) continue;
    const next = view.wordAt(i + 1);
    if (transferVerbs.has(w)) {
      if (w === "give" && next === "me") continue;
      return { build: () => buildTransferCall({ view, verbIndex: i }) };
    }
    if (w === "move" && items.some((item) => item.kind === "address" || item.kind === "did")) {
      return { build: () => buildTransferCall({ view, verbIndex: i }) };
    }
    if (w === "wrap" || w === "unwrap")
      return { build: () => buildWrapCall({ view, verbIndex: i, unwrap: w === "unwrap" }) };
    if (w === "exchange" && next === "rate")
      return { build: () => buildSwapCall({ view, verbIndex: i, mode: "sell", quote: true }) };
    if (sellVerbs.has(w)) return { build: () => buildSwapCall({ view, verbIndex: i, mode: "sell", quote: false }) };
    if (buyVerbs.has(w)) return { build: () => buildSwapCall({ view, verbIndex: i, mode: "buy", quote: false }) };
    if (quoteWords.has(w)) return { build: () => buildSwapCall({ view, verbIndex: i, mode: "sell", quote: true }) };
    if (w === "how" && (next === "much" || next === "many")) {
      if (view.findWord(possessionVerbs, i) >= 0 || view.findWord(balanceNouns, i) >= 0) {
        return { build: () => buildBalancesCall({ view, verbIndex: i }) };
      }
      return { build: () => buildSwapCall({ view, verbIndex: i, mode: "buy", quote: true }) };
    }
    if (w === "what" && next === "would")
      return { build: () => buildSwapCall({ view, verbIndex: i, mode: "buy", quote: true }) };
    if (balanceNouns.has(w)) return { build: () => buildBalancesCall({ view, verbIndex: i }) };
    if (w === "what" && ["do", "does"].includes(next ?? "") && view.findWord(possessionVerbs, i) >= 0) {
      return { build: () => buildBalancesCall({ view, verbIndex: i }) };
    }
    if (resolveVerbs.has(w) || (w === "look" && next === "up"))
      return { build: () => buildResolveCall({ view, verbIndex: i }) };
  }
  // "what is 2 WETH in USDC?": a question about one amount and another token is a quote.
  const question = at(["what", "how"]);
  if (question >= 0 && view.amounts.length === 1 && view.tokens.length === 1 && view.amounts[0]!.symbol) {
    return { build: () => buildSwapCall({ view, verbIndex: question, mode: "sell", quote: true }) };
  }
  const worth = at(["worth"]);
  if (worth >= 0) return { build: () => buildSwapCall({ view, verbIndex: worth, mode: "sell", quote: true }) };
  if (items.some((item) => item.kind === "did")) return { build: () => buildResolveCall({ view, verbIndex: -1 }) };
  if (view.findWord(possessionVerbs) >= 0 && view.findWord(["i", "me", "my", "we", "does", "do"]) >= 0) {
    return { build: () => buildBalancesCall({ view, verbIndex: view.findWord(possessionVerbs) }) };
  }
  const get = at(["get", "receive"]);
  if (get >= 0 && view.amounts.length > 0 && view.tokens.length > 0) {
    return { build: () => buildSwapCall({ view, verbIndex: get, mode: "buy", quote: false }) };
  }
  return undefined;
}

/** Why a number written "1e6", "1e308" or with 19 decimals is refused, and how to write it instead. */
const badNumberReason = (written: string) =>
  `${written} is not a number I can use: write it as a plain decimal with at most 18 decimals, such as 1000000 or 0.0001.`;

/** What is left after the builder: anything that would change the meaning refuses the step. */
function leftover(view: ClauseView): string | undefined {
  for (let i = 0; i < view.items.length; i++) {
    if (view.used.has(i)) continue;
    const item = view.items[i]!;
    switch (item.kind) {
      case "number":
        return `I do not know what ${item.text}${item.unit === "percent" ? "%" : item.unit === "bps" ? " bps" : ""} is for here.`;
      case "badNumber":
        return badNumberReason(item.text);
      case "token":
        return `I do not know what ${item.symbol} is for here.`;
      case "ambiguous":
        return `"${item.text}" could be ${item.candidates.join(" or ")}: spell the token out.`;
      case "address":
      case "did":
      case "hash":
      case "hex":
      case "url":
      case "quoted":
        return `I do not know what ${item.text} is for here.`;
      case "word":
        // "x10", "10x": a repetition.
        if (/^(x\d+|\d+x)$/.test(item.lower)) return `"${item.text}" would repeat the step; say each step once.`;
        if (dangerWords.has(item.lower)) {
          return `"${item.text}" changes what this step means in a way I cannot read safely.`;
        }
        break;
      default:
        break;
    }
  }
  return undefined;
}

/**
 * Parses one step of an intent into a tool call, a condition for the next step, nothing (courtesy),
 * or a refusal with its reason. Conditions may lead ("if the risk is low swap ...") or trail
 * ("swap ... if the risk is low"). After the action is built, anything left that would change the
 * meaning (numbers, tokens, addresses, "not", "all", "unless", ...) refuses the step.
 *
 * @example
 * parseClause({ items: readPhrases({ lexemes: tokenize({ text: "swap 100 USDC for WETH" }) }) });
 */
export function parseClause({ items: input }: ParseClauseParameters): ParseClauseReturnType {
  let items = input;
  while (items.length > 0 && items[0]!.kind === "word" && leadingFillers.has((items[0] as { lower: string }).lower)) {
    const next = items[1];
    if (
      (items[0] as { lower: string }).lower === "only" &&
      !(next?.kind === "word" && conditionOpeners.has(next.lower))
    )
      break;
    items = items.slice(1);
  }
  let condition: ParsedCondition | undefined;
  const firstWord = items[0]?.kind === "word" ? items[0].lower : undefined;
  const asLongAs =
    firstWord === "as" && items[1]?.text.toLowerCase() === "long" && items[2]?.text.toLowerCase() === "as";
  if ((firstWord && conditionOpeners.has(firstWord)) || asLongAs) {
    const parsed = parseCondition({ items, start: asLongAs ? 3 : 0 });
    if (!parsed.ok) return { kind: "refuse", reason: parsed.reason };
    condition = parsed.condition;
    items = items.slice(parsed.end);
    while (items[0]?.kind === "word" && ["then", "and", "please", "do", "go", "ahead"].includes(items[0].lower))
      items = items.slice(1);
  } else {
    const opener = items.findIndex(
      (item, i) =>
        i > 0 &&
        item.kind === "word" &&
        (conditionOpeners.has(item.lower) ||
          (item.lower === "as" &&
            items[i + 1]?.text.toLowerCase() === "long" &&
            items[i + 2]?.text.toLowerCase() === "as")),
    );
    if (opener > 0) {
      const isAsLongAs = (items[opener] as { lower: string }).lower === "as";
      const parsed = parseCondition({ items, start: isAsLongAs ? opener + 3 : opener });
      if (!parsed.ok) return { kind: "refuse", reason: parsed.reason };
      if (parsed.end < items.length) {
        return { kind: "refuse", reason: `I cannot read "${text(items.slice(opener))}" as a condition.` };
      }
      condition = parsed.condition;
      let cut = opener;
      if (items[cut - 1]?.kind === "word" && (items[cut - 1] as { lower: string }).lower === "only") cut -= 1;
      if (items[cut - 1]?.kind === "word" && (items[cut - 1] as { lower: string }).lower === "but") cut -= 1;
      items = items.slice(0, cut);
    }
  }
  if (items.every((item) => item.kind === "word" && courtesyWords.has(item.lower))) {
    return condition ? { kind: "condition", condition } : { kind: "empty" };
  }
  // Before any builder reads the amounts: without the number it would refuse for the wrong reason ("no amount").
  const bad = items.find((item) => item.kind === "badNumber");
  if (bad) return { kind: "refuse", reason: `"${text(items)}": ${badNumberReason(bad.text)}` };
  const view = createClauseView({ items });
  // Phrasal "up" ("look up", "sign me up", "set up") is not "up to" an amount.
  for (let i = 1; i < items.length; i++) {
    if (view.wordAt(i) === "up" && ["look", "sign", "set", "me"].includes(view.wordAt(i - 1) ?? "")) view.use(i);
  }
  const action = chooseAction(view);
  if (!action) {
    return { kind: "refuse", noAction: true, reason: `I do not recognise an action in "${text(items)}".` };
  }
  const built = action.build();
  if (!built.ok) {
    return {
      kind: "refuse",
      reason: `"${text(items)}": ${built.reason}`,
      ...(built.conflict ? { conflict: true } : {}),
    };
  }
  const rest = leftover(view);
  if (rest) return { kind: "refuse", reason: `"${text(items)}": ${rest}` };
  return { kind: "call", call: built.call, condition };
}
