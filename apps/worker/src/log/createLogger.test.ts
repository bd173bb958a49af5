import { describe, expect, it } from "vitest";
import { createLogger } from "./createLogger.ts";

describe("createLogger", () => {
  const at = () => new Date("2026-01-02T03:04:05.678Z");

  it("writes one line per event at or above the level, with fields", () => {
    const lines: string[] = [];
    const log = createLogger({ level: "info", write: (line) => lines.push(line), now: at });
    log.debug("hidden");
    log.info("job settled", { jobId: 7n, tx: "0xabc", note: "two words", skipped: undefined });
    log.error("prove failed", { error: new Error("boom"), ms: 12.5, list: [1n, 2] });
    expect(lines).toEqual([
      '03:04:05.678 info  job settled jobId=7 tx=0xabc note="two words"\n',
      '03:04:05.678 error prove failed error="boom" ms=12.5 list=["1",2]\n',
    ]);
  });

  it("stays quiet when silent", () => {
    const lines: string[] = [];
    const log = createLogger({ level: "silent", write: (line) => lines.push(line), now: at });
    log.error("nothing");
    expect(lines).toEqual([]);
  });
});
