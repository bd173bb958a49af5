import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { CorpusNotFoundError, InvalidCorpusLineError } from "../errors/corpus.ts";

const entrySchema = z.object({
  intent: z.string(),
  calls: z.array(
    z.object({ name: z.string(), args: z.record(z.string(), z.unknown()), condition: z.unknown().optional() }),
  ),
  refuse: z.boolean().optional(),
});

/** One line of an intent corpus: the intent and the calls it should plan (none when `refuse`). */
export type IntentCorpusEntry = z.infer<typeof entrySchema>;

export type ReadIntentCorpusParameters = { path: string };

/**
 * Reads an intent corpus (JSON lines) and checks every line's shape.
 *
 * @example
 * const entries = readIntentCorpus({ path: intentCorpusPaths().public });
 */
export function readIntentCorpus({ path }: ReadIntentCorpusParameters): IntentCorpusEntry[] {
  if (!existsSync(path)) throw new CorpusNotFoundError({ path });
  const lines = readFileSync(path, "utf8").split("\n");
  const entries: IntentCorpusEntry[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new InvalidCorpusLineError({ path, line: i + 1, problem: `not JSON (${(error as Error).message})` });
    }
    const parsed = entrySchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidCorpusLineError({
        path,
        line: i + 1,
        problem: `${issue?.path.join(".") || "entry"}: ${issue?.message}`,
      });
    }
    entries.push(parsed.data);
  });
  return entries;
}
