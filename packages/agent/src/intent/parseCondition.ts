import type { Item } from "./readPhrases.ts";
import type { ComparisonOperator, PlanCondition, RiskLevel } from "./types.ts";

/** A condition before it is tied to the call whose result it reads. */
export type ParsedCondition = Omit<PlanCondition, "dependsOn"> & { dependsOn?: never };

export type ParseConditionParameters = {
  items: Item[];
  /** Index of the opener ("if", "when", "provided", ...). */
  start: number;
};

export type ParseConditionReturnType =
  | { ok: true; condition: ParsedCondition; end: number }
  | { ok: false; reason: string; end: number };

const levels: Record<string, RiskLevel> = {
  low: "low",
  lo: "low",
  medium: "medium",
  moderate: "medium",
  mid: "medium",
  med: "medium",
  high: "high",
};

const fillers = new Set([
  "the",
  "a",
  "risk",
  "score",
  "level",
  "rating",
  "assessment",
  "result",
  "results",
  "output",
  "it",
  "its",
  "is",
  "was",
  "be",
  "are",
  "comes",
  "come",
  "came",
  "back",
  "turns",
  "turn",
  "out",
  "looks",
  "look",
  "rated",
  "seems",
  "seem",
  "stays",
  "remains",
  "considered",
  "verified",
  "attested",
  "returned",
  "says",
  "shows",
  "of",
  "pool",
  "market",
  "pair",
  "for",
  "this",
  "that",
  "just",
  "still",
  "inference",
  "enough",
  "as",
  "long",
  "provided",
  "assuming",
  "only",
  "if",
  "when",
  "whenever",
  "indeed",
  "actually",
]);

const comparatorWords = new Set([
  "not",
  "no",
  "below",
  "under",
  "less",
  "lower",
  "than",
  "at",
  "most",
  "least",
  "or",
  "and",
  "above",
  "over",
  "higher",
  "greater",
  "more",
  "worse",
  "better",
  "equal",
  "equals",
  "to",
  "smaller",
  "bigger",
]);

/** Comparator phrases, after fillers and the level are removed. */
const operators: Record<string, ComparisonOperator> = {
  "": "eq",
  "equal to": "eq",
  equals: "eq",
  "=": "eq",
  not: "ne",
  "not equal to": "ne",
  "or lower": "le",
  "or less": "le",
  "or below": "le",
  "or better": "le",
  "or under": "le",
  "or smaller": "le",
  "and below": "le",
  "and lower": "le",
  "at most": "le",
  "no more than": "le",
  "no higher than": "le",
  "not more than": "le",
  "not higher than": "le",
  "not above": "le",
  "not over": "le",
  "no worse than": "le",
  "not worse than": "le",
  "<=": "le",
  "or higher": "ge",
  "or more": "ge",
  "or above": "ge",
  "or worse": "ge",
  "or greater": "ge",
  "and above": "ge",
  "and higher": "ge",
  "at least": "ge",
  "no less than": "ge",
  "no lower than": "ge",
  "not below": "ge",
  "not under": "ge",
  "not less than": "ge",
  ">=": "ge",
  below: "lt",
  under: "lt",
  "less than": "lt",
  "lower than": "lt",
  "better than": "lt",
  "smaller than": "lt",
  "<": "lt",
  above: "gt",
  over: "gt",
  "higher than": "gt",
  "greater than": "gt",
  "more than": "gt",
  "worse than": "gt",
  "bigger than": "gt",
  ">": "gt",
};

const opText: Record<ComparisonOperator, string> = { eq: "==", ne: "!=", lt: "<", le: "<=", gt: ">", ge: ">=" };

/**
 * Reads a condition on a risk result from its opener to where the condition words stop:
 * "if the risk is low", "when it comes back medium or lower", "provided the risk is not high",
 * "if the risk score is below 0.3". Anything it cannot read exactly is a reason, never a guess.
 *
 * @example
 * parseCondition({ items, start: 0 }); // { ok: true, condition: { field: "risk", op: "le", value: "medium", text: "risk <= medium" }, end }
 */
export function parseCondition({ items, start }: ParseConditionParameters): ParseConditionReturnType {
  const found: { level?: RiskLevel; number?: { value: number; text: string } }[] = [];
  const comparators: string[] = [];
  let i = start;
  for (; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === "word") {
      if (item.lower in levels) found.push({ level: levels[item.lower]! });
      else if (comparatorWords.has(item.lower)) comparators.push(item.lower);
      else if (!fillers.has(item.lower)) break;
    } else if (item.kind === "symbol" && ["<", ">", "<=", ">=", "="].includes(item.text)) {
      comparators.push(item.text);
    } else if (item.kind === "symbol" && item.text === "/") {
      // "if the WETH/USDC risk is low".
    } else if (item.kind === "token") {
      // Tokens naming the market are fine inside a condition.
    } else if (item.kind === "number" && !item.unit && !item.currency && !item.negative) {
      found.push({ number: { value: Number(item.text), text: item.text } });
    } else {
      break;
    }
  }
  // A trailing "and"/"or" joins the next step, not the condition.
  while (
    i > start &&
    items[i - 1]?.kind === "word" &&
    ["and", "or"].includes((items[i - 1] as { lower: string }).lower)
  ) {
    i -= 1;
    comparators.pop();
  }
  const end = i;
  const describe = items
    .slice(start, end)
    .map((x) => x.text)
    .join(" ");
  // "low or medium" reads as "medium or lower"; "medium or high" as "medium or higher".
  if (found.length === 2 && found.every((f) => f.level) && comparators.join(" ") === "or") {
    const pair = found.map((f) => f.level).sort();
    if (pair[0] === "low" && pair[1] === "medium") {
      return { ok: true, end, condition: { field: "risk", op: "le", value: "medium", text: "risk <= medium" } };
    }
    if (pair[0] === "high" && pair[1] === "medium") {
      return { ok: true, end, condition: { field: "risk", op: "ge", value: "medium", text: "risk >= medium" } };
    }
  }
  if (found.length !== 1) {
    return {
      ok: false,
      end,
      reason: `I cannot read the condition "${describe}": say a risk level, e.g. "if the risk is low" or "if the risk is medium or lower".`,
    };
  }
  const op = operators[comparators.join(" ")];
  if (op === undefined) {
    return {
      ok: false,
      end,
      reason: `I cannot read the comparison in "${describe}": use "is", "is not", "or lower", "or higher", "below" or "above".`,
    };
  }
  const [only] = found;
  if (only!.level) {
    return {
      ok: true,
      end,
      condition: { field: "risk", op, value: only!.level, text: `risk ${opText[op]} ${only!.level}` },
    };
  }
  const number = only!.number!;
  return {
    ok: true,
    end,
    condition: { field: "score", op, value: number.value, text: `score ${opText[op]} ${number.text}` },
  };
}
