import { type NormalizePlanReturnType, normalizePlan } from "../intent/normalizePlan.ts";
import type { PlanJson } from "../intent/types.ts";
import type { IntentCorpusEntry } from "./readIntentCorpus.ts";

export type ScoreIntentCorpusParameters = {
  entries: readonly IntentCorpusEntry[];
  /** Plans one intent in the `--json` form (the embedded model, or any chat model through planIntent). */
  plan: (intent: string) => Promise<PlanJson> | PlanJson;
};

export type IntentCorpusResult = {
  intent: string;
  passed: boolean;
  expected: NormalizePlanReturnType;
  actual: NormalizePlanReturnType;
  /** The plan's refusal text, when it refused. */
  refusal: string | undefined;
};

export type ScoreIntentCorpusReturnType = { results: IntentCorpusResult[]; passed: number; failed: number };

/**
 * Plans every intent of a corpus and compares each plan with the expected one after `normalizePlan`. An expected
 * refusal passes only with no calls and a refusal text that says why. Intents are planned one at a time, in order.
 *
 * @example
 * const { passed, failed } = await scoreIntentCorpus({
 *   entries: readIntentCorpus({ path: intentCorpusPaths().public }),
 *   plan: (intent) => toPlanJson({ plan: parseIntent({ text: intent }) }),
 * });
 */
export async function scoreIntentCorpus({
  entries,
  plan,
}: ScoreIntentCorpusParameters): Promise<ScoreIntentCorpusReturnType> {
  const results: IntentCorpusResult[] = [];
  for (const entry of entries) {
    const json = await plan(entry.intent);
    const expected = normalizePlan(entry);
    const actual = normalizePlan(json);
    const saysWhy = !entry.refuse || /\S/.test(json.refusal ?? "");
    results.push({
      intent: entry.intent,
      passed: saysWhy && JSON.stringify(actual) === JSON.stringify(expected),
      expected,
      actual,
      refusal: json.refusal,
    });
  }
  const passed = results.filter((r) => r.passed).length;
  return { results, passed, failed: results.length - passed };
}
