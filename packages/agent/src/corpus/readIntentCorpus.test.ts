import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CorpusNotFoundError, InvalidCorpusLineError } from "../errors/corpus.ts";
import { readIntentCorpus } from "./readIntentCorpus.ts";

const dir = mkdtempSync(join(tmpdir(), "corpus-"));

describe("readIntentCorpus", () => {
  it("reads entries and skips blank lines", () => {
    const path = join(dir, "ok.jsonl");
    writeFileSync(
      path,
      '{"intent":"wrap 1 ETH","calls":[{"name":"wrap_eth","args":{"amount":"1"}}]}\n\n{"intent":"hi","refuse":true,"calls":[]}\n',
    );
    const entries = readIntentCorpus({ path });
    expect(entries).toHaveLength(2);
    expect(entries[1]?.refuse).toBe(true);
  });
  it("names a missing file and what a corpus is", () => {
    expect(() => readIntentCorpus({ path: join(dir, "missing.jsonl") })).toThrow(CorpusNotFoundError);
    expect(() => readIntentCorpus({ path: join(dir, "missing.jsonl") })).toThrow(/missing\.jsonl.*\n.*JSON-lines/);
  });
  it("names the line of a malformed entry", () => {
    const path = join(dir, "bad.jsonl");
    writeFileSync(path, '{"intent":"x","calls":[]}\n{"intent":3,"calls":[]}\n');
    expect(() => readIntentCorpus({ path })).toThrow(InvalidCorpusLineError);
    expect(() => readIntentCorpus({ path })).toThrow(/Line 2/);
  });
});
