import { proofWords, quickInferenceWords, verifiedInferenceWords } from "./lexicon.ts";
import { parseClause } from "./parseClause.ts";
import type { Item } from "./readPhrases.ts";
import { readPhrases } from "./readPhrases.ts";
import { splitClauses } from "./splitClauses.ts";
import { tokenize } from "./tokenize.ts";
import type { Plan, PlanCondition, PlannedCall } from "./types.ts";

export type ParseIntentParameters = {
  /** The user's intent in English. */
  text: string;
};
export type ParseIntentReturnType = Plan;

/**
 * Items that can only be modifiers of the step before ("…, max 1% slippage", "…, paying up to $2", "…, quick answer is
 * fine", "…, no proof needed").
 */
const modifierContent = (clause: Item[]) =>
  clause.some(
    (item) =>
      item.kind === "number" ||
      item.kind === "url" ||
      (item.kind === "word" &&
        (quickInferenceWords.has(item.lower) || proofWords.has(item.lower) || verifiedInferenceWords.has(item.lower))),
  );

function refuse(reasons: string[]): Plan {
  return {
    calls: [],
    refusal: `I planned nothing, so nothing will be sent. ${reasons.join(" ")}`.trim(),
  };
}

/**
 * The embedded intent model: turns an English intent into the tool calls of the design, in order,
 * deterministically and offline. It reads numbers ("1,000", ".5", "$100", "100 bucks", "half an"),
 * token names in any case and with small typos, several steps ("then", "and", ";", ","), and
 * conditions on an earlier verified risk score ("if the risk is low ..."), which it attaches to every
 * later call. If any step cannot be read exactly (no amount, unknown token, ambiguous typo, malformed
 * address, no recognisable action), it plans nothing and says why: it never guesses a transaction
 * and never runs half a plan.
 *
 * @example
 * parseIntent({ text: "swap 100 USDC for WETH" });
 * // { calls: [{ name: "swap_tokens", args: { tokenIn: "USDC", tokenOut: "WETH", amountIn: "100" } }] }
 */
export function parseIntent({ text }: ParseIntentParameters): ParseIntentReturnType {
  const items = readPhrases({ lexemes: tokenize({ text }) });
  const clauses = splitClauses({ items });
  type Step = ReturnType<typeof parseClause>;
  const steps: { items: typeof items; result: Step }[] = [];
  for (const clause of clauses) {
    const result = parseClause({ items: clause });
    const previous = steps.at(-1);
    // A step that only modifies the one before ("…, max 1% slippage", "…, and pay up to 2 USDC") is
    // read together with it, when that one is a call and this one has no action, or both refused. Refused steps in a
    // row are read together too ("what is the risk of WETH/USDC, quick answer is fine, at most 0.05 USDC"), the
    // shortest run first.
    const mergeable =
      result.kind === "refuse" &&
      previous !== undefined &&
      ((result.noAction && previous.result.kind === "call" && modifierContent(clause)) ||
        previous.result.kind === "refuse");
    // A leading modifier ("no proof needed, just the risk of WETH/USDC ...") is read with the step after it.
    if (
      result.kind === "call" &&
      previous?.result.kind === "refuse" &&
      previous.result.noAction &&
      modifierContent(previous.items)
    ) {
      const items = [...previous.items, ...clause];
      const merged = parseClause({ items });
      if (merged.kind === "call") {
        steps[steps.length - 1] = { items, result: merged };
        continue;
      }
    }
    let first = steps.length - 1;
    while (mergeable && first >= 0) {
      const run = [...steps.slice(first).flatMap((step) => step.items), ...clause];
      if (parseClause({ items: run }).kind === "call") break;
      if (first === 0 || steps[first - 1]!.result.kind !== "refuse" || steps[first]!.result.kind !== "refuse") {
        first = -1;
        break;
      }
      first -= 1;
    }
    if (mergeable && first >= 0) {
      const items = [...steps.slice(first).flatMap((step) => step.items), ...clause];
      steps.splice(first, steps.length - first, { items, result: parseClause({ items }) });
      continue;
    }
    // Read together, the run may refuse for a reason none of its parts shows ("verified" and "quick answer is fine"
    // in one request): that reason is the one to give.
    const start = steps.findLastIndex((step) => step.result.kind !== "refuse") + 1;
    if (result.kind === "refuse" && result.noAction && start < steps.length) {
      const items = [...steps.slice(start).flatMap((step) => step.items), ...clause];
      const together = parseClause({ items });
      if (together.kind === "refuse" && together.conflict) {
        steps.splice(start, steps.length - start, { items, result: together });
        continue;
      }
    }
    steps.push({ items: clause, result });
  }
  const reasons = steps.flatMap((s) => (s.result.kind === "refuse" ? [s.result.reason] : []));
  if (reasons.length > 0) return refuse(reasons);

  const calls: PlannedCall[] = [];
  let pending: PlanCondition | undefined;
  let active: PlanCondition | undefined;
  const tie = (condition: Omit<PlanCondition, "dependsOn">): PlanCondition | string => {
    const source = calls.map((c) => c.name).lastIndexOf("request_verified_inference");
    if (source < calls.map((c) => c.name).lastIndexOf("get_quick_inference")) {
      // A quick answer is the worker's word: a liar paid a few cents must not be able to trigger a swap or a transfer.
      return `The condition "${condition.text}" would depend on a quick, unproven answer, which nothing proves: ask for a verified risk score instead (drop "quick answer is fine"), e.g. "get a verified risk score for WETH/USDC paying at most 2 USDC, and if the risk is low ...".`;
    }
    if (source < 0) {
      return `The condition "${condition.text}" needs a verified risk score first: ask for one before it, e.g. "get a verified risk score for WETH/USDC paying at most 2 USDC, and if the risk is low ...".`;
    }
    return { ...condition, dependsOn: source } as PlanCondition;
  };
  for (const { result } of steps) {
    if (result.kind === "empty") continue;
    if (result.kind === "condition") {
      const tied = tie(result.condition);
      if (typeof tied === "string") return refuse([tied]);
      pending = tied;
      continue;
    }
    if (result.kind !== "call") continue;
    let condition: PlanCondition | undefined = pending ?? active;
    if (result.condition) {
      const tied = tie(result.condition);
      if (typeof tied === "string") return refuse([tied]);
      condition = tied;
    }
    pending = undefined;
    active = condition;
    calls.push(condition ? { ...result.call, condition } : result.call);
  }
  if (pending) return refuse([`The condition "${pending.text}" is not followed by anything to do.`]);
  if (calls.length === 0) {
    return refuse([
      "I did not find anything to do. I can check balances, quote and swap ETH/WETH/USDC, send tokens, wrap and unwrap ETH, register an agent, resolve a DID, show an attestation, buy a verified risk score and buy a quick, unproven one.",
    ]);
  }
  return { calls };
}
