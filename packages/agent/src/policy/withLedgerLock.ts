import { mkdir, open, readFile, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export type WithLedgerLockParameters<T> = {
  /** The spend ledger; the lock is `<path>.lock` beside it. */
  path: string;
  run: () => T | Promise<T>;
};

// In-process queue per ledger: two guards of one process on the same ledger take turns here before the
// file lock, so they never poll against each other.
const queues = new Map<string, Promise<unknown>>();

function ownerGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

async function lockFile(lock: string): Promise<void> {
  for (;;) {
    try {
      const handle = await open(lock, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number.parseInt(await readFile(lock, "utf8").catch(() => ""), 10);
      // A process that died holding the lock (killed mid-write) must not block spending forever.
      if (Number.isInteger(pid) && pid !== process.pid && ownerGone(pid)) await rm(lock, { force: true });
      else await sleep(50);
    }
  }
}

/**
 * Runs `run` as the only reader-writer of a spend ledger: calls of this process wait in a queue, and
 * other processes (two `convergence agent` runs on one CONVERGENCE_HOME) wait on an exclusive lock file.
 * Without it two sends could both read the same total and together pass the daily cap.
 * (@convergence/zk has a lock file for its setup cache but does not export it.)
 *
 * @example
 * await withLedgerLock({ path: ledgerPath, run: () => reserve() });
 */
export async function withLedgerLock<T>({ path, run }: WithLedgerLockParameters<T>): Promise<T> {
  const previous = queues.get(path) ?? Promise.resolve();
  const turn = previous.then(async () => {
    const lock = `${path}.lock`;
    await mkdir(dirname(path), { recursive: true });
    await lockFile(lock);
    try {
      return await run();
    } finally {
      await rm(lock, { force: true });
    }
  });
  const settled = turn.catch(() => undefined);
  queues.set(path, settled);
  void settled.then(() => {
    if (queues.get(path) === settled) queues.delete(path);
  });
  return turn;
}
