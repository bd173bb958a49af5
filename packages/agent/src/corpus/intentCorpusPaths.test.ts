import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { intentCorpusPaths } from "./intentCorpusPaths.ts";

describe("intentCorpusPaths", () => {
  it("points at the package's own corpora, inside the repository", () => {
    const paths = intentCorpusPaths();
    expect(paths.public.replaceAll("\\", "/")).toMatch(/\/packages\/agent\/intents\/public\.jsonl$/);
    expect(existsSync(paths.public)).toBe(true);
    expect(existsSync(paths.heldout)).toBe(true);
  });
});
