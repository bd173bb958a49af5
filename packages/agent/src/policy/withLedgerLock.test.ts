import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SpendLedgerError } from "../errors/policy.ts";
import { withLedgerLock } from "./withLedgerLock.ts";

const ledger = () => join(mkdtempSync(join(tmpdir(), "lock-")), "spend-ledger.json");
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

/** Another process: runs `script` with the lock path and a marker path as arguments. */
function otherProcess(script: string, ...args: string[]): ChildProcess {
  const child = spawn(process.execPath, ["-e", script, ...args], { stdio: "ignore" });
  children.push(child);
  return child;
}

describe("withLedgerLock", () => {
  it("returns what run returns and leaves no lock behind", () => {
    const path = ledger();
    expect(withLedgerLock({ path, run: () => existsSync(`${path}.lock`) })).toBe(true);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
  it("waits while another live process holds the lock, and runs once it lets go", () => {
    const path = ledger();
    const marker = `${path}.released`;
    // The other process writes the marker, then drops the lock: run can only see the marker if it waited.
    const holder = otherProcess(
      `const fs = require("node:fs"); setTimeout(() => { fs.writeFileSync(process.argv[2], "x"); fs.rmSync(process.argv[1]); setTimeout(() => {}, 60000); }, 200);`,
      `${path}.lock`,
      marker,
    );
    writeFileSync(`${path}.lock`, String(holder.pid));
    expect(withLedgerLock({ path, run: () => existsSync(marker) })).toBe(true);
  });
  it("gives up on a lock held too long by a live process, naming the lock file", () => {
    const path = ledger();
    const holder = otherProcess("setTimeout(() => {}, 60000)");
    writeFileSync(`${path}.lock`, String(holder.pid));
    let ran = false;
    const attempt = () => withLedgerLock({ path, timeoutMs: 100, run: () => (ran = true) });
    expect(attempt).toThrow(SpendLedgerError);
    expect(attempt).toThrow(/spend-ledger\.json\.lock.*if no agent is running, delete that file/);
    expect(ran).toBe(false);
  });
  it("takes over a lock whose process is gone", async () => {
    const path = ledger();
    const gone = otherProcess("");
    await new Promise((resolve) => gone.on("exit", resolve));
    writeFileSync(`${path}.lock`, String(gone.pid));
    expect(withLedgerLock({ path, run: () => "ran" })).toBe("ran");
  });
  it("frees the lock when run throws", () => {
    const path = ledger();
    expect(() =>
      withLedgerLock({
        path,
        run: () => {
          throw new Error("boom");
        },
      }),
    ).toThrow("boom");
    expect(withLedgerLock({ path, run: () => "next" })).toBe("next");
  });
});
