import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startDemoChain } from "./startDemoChain.ts";

describe("startDemoChain", () => {
  it("deploys to a node on a free port, writes the record in its own folder, and stop removes both", async () => {
    const lines: string[] = [];
    const chain = await startDemoChain({ onProgress: (line) => lines.push(line) });
    try {
      const record = JSON.parse(readFileSync(join(chain.deploymentsDir, "31337.json"), "utf8"));
      expect(record.contracts).toEqual(chain.deployment.contracts);
      expect(chain.deploymentsDir.startsWith(chain.runDir)).toBe(true);
      expect(lines.some((line) => line.includes("InferenceEscrow"))).toBe(true);
    } finally {
      await chain.stop();
      await chain.stop();
    }
    expect(existsSync(chain.runDir)).toBe(false);
    await expect(fetch(chain.url, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  });
});
