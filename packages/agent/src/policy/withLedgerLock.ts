import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { SpendLedgerError } from "../errors/policy.ts";

export type WithLedgerLockParameters<T> = {
  /** The spend ledger; the lock is `<path>.lock` beside it. */
  path: string;
  /** Synchronous on purpose: nothing else of this process can run between its read and its write. */
  run: () => T;
  /** How long to wait for another process's lock before giving up (default 10 s). */
  timeoutMs?: number;
};

const pause = new Int32Array(new SharedArrayBuffer(4));

function holderIsGone(lock: string): boolean {
  const pid = Number.parseInt(
    (() => {
      try {
        return readFileSync(lock, "utf8");
      } catch {
        return "";
      }
    })(),
    10,
  );
  if (!Number.isInteger(pid) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Runs `run` as the only reader-writer of a spend ledger. `run` is synchronous, so within this process no
 * other call can interleave with it; across processes (two `convergence agent` runs on one CONVERGENCE_HOME)
 * an exclusive `<path>.lock` file holds the others off for the few milliseconds of a read and a write.
 * Without it two sends could both read the same total and together pass the daily cap. A lock left by a
 * process that died is taken over.
 *
 * @example
 * const violation = withLedgerLock({ path: ledgerPath, run: () => checkAndReserve() });
 */
export function withLedgerLock<T>({ path, run, timeoutMs = 10_000 }: WithLedgerLockParameters<T>): T {
  const lock = `${path}.lock`;
  mkdirSync(dirname(path), { recursive: true });
  const giveUp = Date.now() + timeoutMs;
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      fd = openSync(lock, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (holderIsGone(lock)) rmSync(lock, { force: true });
      else if (Date.now() > giveUp) {
        throw new SpendLedgerError({
          path,
          problem: `another process has held ${lock} for over ${timeoutMs} ms; if no agent is running, delete that file`,
        });
      } else Atomics.wait(pause, 0, 0, 10);
    }
  }
  try {
    try {
      writeSync(fd, String(process.pid));
    } finally {
      closeSync(fd);
    }
    return run();
  } finally {
    rmSync(lock, { force: true });
  }
}
