import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { zkToolVersions } from "./zkToolVersions.ts";

describe("zkToolVersions", () => {
  it("reports the pinned versions of package.json", async () => {
    const manifest = JSON.parse(await readFile(join(import.meta.dirname, "..", "..", "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    const versions = zkToolVersions();
    for (const [name, value] of Object.entries(versions)) expect(value, name).toBe(manifest.dependencies[name]);
  });
});
