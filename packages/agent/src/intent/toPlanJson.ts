import type { Plan, PlanJson } from "./types.ts";

export type ToPlanJsonParameters = { plan: Plan };

/**
 * The plan in the design's JSON form: `{"calls":[{"name":...,"args":{...},"condition":"risk == low"}]}`,
 * or `{"calls":[],"refusal":"<why>"}`. Conditions become their canonical text.
 *
 * @example
 * JSON.stringify(toPlanJson({ plan })); // '{"calls":[{"name":"swap_tokens","args":{...}}]}'
 */
export function toPlanJson({ plan }: ToPlanJsonParameters): PlanJson {
  const calls = plan.calls.map((call) =>
    call.condition
      ? { name: call.name, args: call.args, condition: call.condition.text }
      : { name: call.name, args: call.args },
  );
  return plan.refusal === undefined ? { calls } : { calls, refusal: plan.refusal };
}
