import { describe, expect, it } from "vitest";
import { intentCorpusPaths } from "../src/corpus/intentCorpusPaths.ts";
import { readIntentCorpus } from "../src/corpus/readIntentCorpus.ts";
import { scoreIntentCorpus } from "../src/corpus/scoreIntentCorpus.ts";
import { parseIntent } from "../src/intent/parseIntent.ts";
import { toPlanJson } from "../src/intent/toPlanJson.ts";

// Every line of both corpora (the public one in intents/, the held-out paraphrases in test/fixtures/) through the
// embedded model, compared with the README's normalisation.
const paths = intentCorpusPaths();
const embedded = (intent: string) => toPlanJson({ plan: parseIntent({ text: intent }) });

for (const [name, path] of [
  ["public", paths.public],
  ["held-out", paths.heldout],
] as const) {
  describe(`${name} intent corpus`, () => {
    const entries = readIntentCorpus({ path });
    it("has entries for every tool, refusals included", () => {
      expect(entries.length).toBeGreaterThan(name === "held-out" ? 149 : 24);
      expect(entries.some((e) => e.refuse)).toBe(true);
      const tools = new Set(entries.flatMap((e) => e.calls.map((c) => c.name)));
      expect(tools.size).toBe(11);
    });
    it.each(entries.map((e) => [e.intent, e] as const))("%s", async (_intent, entry) => {
      const { results } = await scoreIntentCorpus({ entries: [entry], plan: embedded });
      expect(results[0]?.actual).toEqual(results[0]?.expected);
      expect(results[0]?.passed).toBe(true);
    });
  });
}
