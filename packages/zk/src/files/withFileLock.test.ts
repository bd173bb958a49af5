import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withFileLock } from "./withFileLock.ts";

describe("withFileLock", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "zk-lock-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("serialises holders of the same lock and removes it afterwards", async () => {
    const path = join(dir, "a.lock");
    const events: string[] = [];
    let waits = 0;
    const holder = (name: string) =>
      withFileLock({
        path,
        onWait: () => waits++,
        run: async () => {
          events.push(`${name} in`);
          await sleep(300);
          events.push(`${name} out`);
          return name;
        },
      });
    expect(await Promise.all([holder("first"), holder("second")])).toEqual(["first", "second"]);
    // Either may win the race for the lock; what matters is that the other enters only after the winner left.
    const [winner] = events[0]!.split(" ");
    const loser = winner === "first" ? "second" : "first";
    expect(events).toEqual([`${winner} in`, `${winner} out`, `${loser} in`, `${loser} out`]);
    expect(waits).toBe(1);
    expect(existsSync(path)).toBe(false);
  });

  it("takes over a lock left by a process that is gone, and releases on failure", async () => {
    const path = join(dir, "b.lock");
    await writeFile(path, "999999999");
    expect(await withFileLock({ path, run: async () => "ran" })).toBe("ran");
    await expect(withFileLock({ path, run: async () => Promise.reject(new Error("boom")) })).rejects.toThrowError(
      "boom",
    );
    expect(existsSync(path)).toBe(false);
  });
});
