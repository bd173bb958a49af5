import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withLedgerLock } from "./withLedgerLock.ts";

const ledger = () => join(mkdtempSync(join(tmpdir(), "lock-")), "spend-ledger.json");

describe("withLedgerLock", () => {
  it("runs the calls of one process one after another, in order", async () => {
    const path = ledger();
    const events: string[] = [];
    const step = (name: string) => async () => {
      events.push(`${name} in`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`${name} out`);
    };
    await Promise.all([withLedgerLock({ path, run: step("a") }), withLedgerLock({ path, run: step("b") })]);
    expect(events).toEqual(["a in", "a out", "b in", "b out"]);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
  it("waits for a lock held by another live process, and goes on once it is released", async () => {
    const path = ledger();
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    writeFileSync(`${path}.lock`, String(holder.pid));
    let ran = false;
    const waiting = withLedgerLock({ path, run: () => (ran = true) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ran).toBe(false);
    await rm(`${path}.lock`);
    await waiting;
    holder.kill();
    expect(ran).toBe(true);
  });
  it("takes over a lock whose process is gone", async () => {
    const path = ledger();
    const gone = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await new Promise((resolve) => gone.on("exit", resolve));
    writeFileSync(`${path}.lock`, String(gone.pid));
    expect(await withLedgerLock({ path, run: () => "ran" })).toBe("ran");
  });
  it("frees the lock when the call throws", async () => {
    const path = ledger();
    await expect(withLedgerLock({ path, run: () => Promise.reject(new Error("boom")) })).rejects.toThrow("boom");
    expect(await withLedgerLock({ path, run: () => "next" })).toBe("next");
  });
});
