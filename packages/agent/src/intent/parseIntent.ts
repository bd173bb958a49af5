import { parseClause } from "./parseClause.ts";
import { readPhrases } from "./readPhrases.ts";
import { splitClauses } from "./splitClauses.ts";
import { tokenize } from "./tokenize.ts";
import type { Plan, PlanCondition, PlannedCall } from "./types.ts";

export type ParseIntentParameters = {
  /** The user's intent in English. */
  text: string;
};
export type ParseIntentReturnType = Plan;

/** Items that can only be modifiers of the step before ("…, max 1% slippage", "…, paying up to $2"). */
const modifierContent = (kinds: string[]) => kinds.some((k) => k === "number" || k === "url");

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
    // read together with it, when that one is a call and this one has no action, or both refused.
    const mergeable =
      result.kind === "refuse" &&
      previous !== undefined &&
      ((result.noAction && previous.result.kind === "call" && modifierContent(clause.map((i) => i.kind))) ||
        previous.result.kind === "refuse");
    if (mergeable && previous) {
      const merged = parseClause({ items: [...previous.items, ...clause] });
      if (merged.kind === "call") {
        steps[steps.length - 1] = { items: [...previous.items, ...clause], result: merged };
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
      "I did not find anything to do. I can check balances, quote and swap ETH/WETH/USDC, send tokens, wrap and unwrap ETH, register an agent, resolve a DID, show an attestation and buy a verified risk score.",
    ]);
  }
  return { calls };
}
