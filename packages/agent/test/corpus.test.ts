import { describe, expect, it } from "vitest";
import { intentCorpusPaths } from "../src/corpus/intentCorpusPaths.ts";
import { readIntentCorpus } from "../src/corpus/readIntentCorpus.ts";
import { normalizePlan } from "../src/intent/normalizePlan.ts";
import { parseIntent } from "../src/intent/parseIntent.ts";
import { toPlanJson } from "../src/intent/toPlanJson.ts";

// Every line of both corpora through the embedded model, compared with the README's normalisation.
// The public corpus is ../shared/intents/public.jsonl beside the checkout; readIntentCorpus fails
// with a message naming that path when it is missing.
const paths = intentCorpusPaths();

for (const [name, path] of [
  ["public", paths.public],
  ["held-out", paths.heldout],
] as const) {
  describe(`${name} intent corpus`, () => {
    const entries = readIntentCorpus({ path });
    it("has entries, refusals included", () => {
      expect(entries.length).toBeGreaterThan(name === "held-out" ? 149 : 0);
      expect(entries.some((e) => e.refuse)).toBe(true);
    });
    it.each(entries.map((e) => [e.intent, e] as const))("%s", (_intent, entry) => {
      const json = toPlanJson({ plan: parseIntent({ text: entry.intent }) });
      expect(normalizePlan(json)).toEqual(normalizePlan(entry));
      if (entry.refuse) expect(json.refusal).toMatch(/\S/);
    });
  });
}
