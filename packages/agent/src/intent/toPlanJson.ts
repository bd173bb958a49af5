import type { Plan, PlanJson } from "./types.ts";

export type ToPlanJsonParameters = { plan: Plan };

/**
 * The plan in the design's JSON form: `{"calls":[{"name":...,"args":{...},"condition":"risk == low"}]}`,
 * or `{"calls":[],"refusal":"<why>"}`. Conditions become their canonical text; a call's `why` (which inference path
 * was chosen and what chose it) is kept.
 *
 * @example
 * JSON.stringify(toPlanJson({ plan })); // '{"calls":[{"name":"swap_tokens","args":{...}}]}'
 */
export function toPlanJson({ plan }: ToPlanJsonParameters): PlanJson {
  const calls = plan.calls.map((call) => ({
    name: call.name,
    args: call.args,
    ...(call.condition ? { condition: call.condition.text } : {}),
    ...(call.why === undefined ? {} : { why: call.why }),
  }));
  return plan.refusal === undefined ? { calls } : { calls, refusal: plan.refusal };
}
