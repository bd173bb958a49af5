import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { intentCorpusPaths } from "./intentCorpusPaths.ts";

describe("intentCorpusPaths", () => {
  it("points at the shared corpus beside the checkout and the package's held-out set", () => {
    const paths = intentCorpusPaths();
    expect(paths.public.replaceAll("\\", "/")).toMatch(/\/shared\/intents\/public\.jsonl$/);
    expect(existsSync(paths.heldout)).toBe(true);
  });
});
