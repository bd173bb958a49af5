import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { modelDirectories } from "./modelDirectories.ts";

describe("modelDirectories", () => {
  it("puts bundled models in packages/models/assets and imported ones under <home>/models", () => {
    const dirs = modelDirectories({ home: "/tmp/conv" });
    expect(dirs.imported).toBe("/tmp/conv/models");
    expect(existsSync(join(dirs.bundled, "risk-v1", "manifest.json"))).toBe(true);
  });
});
