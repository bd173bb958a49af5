import { mkdir, open, readFile, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export type WithFileLockParameters<T> = {
  /** The lock file; created exclusively, removed when `run` settles. */
  path: string;
  run: () => Promise<T>;
  /** Called once if the lock is busy, e.g. to say another process is setting up the same circuit. */
  onWait?: () => void;
};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Runs `run` while holding an exclusive lock file, so that two processes (two test runners, a worker
 * and the CLI) never compile or set up the same circuit at once: the second waits, then finds the
 * first one's result in the cache. A lock whose owner process is gone is taken over.
 *
 * @example
 * await withFileLock({ path: join(dir, "setup.lock"), run: () => setupOnce() });
 */
export async function withFileLock<T>({ path, run, onWait }: WithFileLockParameters<T>): Promise<T> {
  await mkdir(dirname(path), { recursive: true });
  let waited = false;
  for (;;) {
    try {
      const handle = await open(path, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number((await readFile(path, "utf8").catch(() => "")) || Number.NaN);
      if (Number.isInteger(owner) && owner !== process.pid && !alive(owner)) {
        await rm(path, { force: true });
        continue;
      }
      if (!waited) onWait?.();
      waited = true;
      await sleep(250);
    }
  }
  try {
    return await run();
  } finally {
    await rm(path, { force: true });
  }
}
