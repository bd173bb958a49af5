import type { PlanCondition, RiskLevel } from "./types.ts";

export type EvaluateConditionParameters = {
  condition: PlanCondition;
  /**
   * The output of the call the condition depends on (a `request_verified_inference` result):
   * `{ risk: "low" | "medium" | "high", score?: number, ... }`, possibly under `output`.
   */
  output: unknown;
};
export type EvaluateConditionReturnType =
  | { known: true; met: boolean; observed: string }
  | { known: false; reason: string };

const rank: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2 };

function compare(op: PlanCondition["op"], a: number, b: number): boolean {
  switch (op) {
    case "eq":
      return a === b;
    case "ne":
      return a !== b;
    case "lt":
      return a < b;
    case "le":
      return a <= b;
    case "gt":
      return a > b;
    case "ge":
      return a >= b;
  }
}

function field(output: unknown, name: string): unknown {
  if (typeof output !== "object" || output === null) return undefined;
  const record = output as Record<string, unknown>;
  if (name in record) return record[name];
  return field(record.output, name);
}

/**
 * Evaluates a plan condition against an attested result. When the result does not say what the
 * condition needs (no `risk` label, no numeric `score`), the answer is unknown and the executor must
 * not run the call.
 *
 * @example
 * evaluateCondition({ condition, output: { risk: "low", attestationId: "0x..." } }); // { known: true, met: true, observed: "risk is low" }
 */
export function evaluateCondition({ condition, output }: EvaluateConditionParameters): EvaluateConditionReturnType {
  if (condition.field === "risk") {
    const value = field(output, "risk") ?? field(output, "riskLevel") ?? field(output, "label");
    const level = typeof value === "string" ? value.toLowerCase() : undefined;
    if (level !== "low" && level !== "medium" && level !== "high") {
      return { known: false, reason: "the result has no risk level (low, medium or high)" };
    }
    return {
      known: true,
      met: compare(condition.op, rank[level], rank[condition.value]),
      observed: `risk is ${level}`,
    };
  }
  const value = field(output, "score");
  const score = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  if (!Number.isFinite(score)) return { known: false, reason: "the result has no numeric score" };
  return { known: true, met: compare(condition.op, score, condition.value), observed: `score is ${score}` };
}
