import { afterEach, describe, expect, it } from "vitest";
import { ProveError, ProverClosedError, ProverCrashedError } from "../errors/jobs.ts";
import { createThreadPool, type ThreadPool } from "./createThreadPool.ts";

type Task = { value: number; mode?: "fail" | "crash" | "slow" };
type Result = { value: number };

describe("createThreadPool (worker threads running TypeScript through tsx)", () => {
  let pool: ThreadPool<Task, Result> | undefined;
  afterEach(async () => pool?.close());
  const create = (size: number, onCrash?: (reason: string) => void) =>
    (pool = createThreadPool<Task, Result>({
      size,
      script: new URL("../../test/echoThread.ts", import.meta.url),
      workerData: { factor: 2 },
      ...(onCrash ? { onCrash } : {}),
    }));

  it("runs tasks on the threads, more tasks than threads in FIFO order", async () => {
    const threads = create(2);
    const results = await Promise.all([1, 2, 3, 4, 5].map((value) => threads.run({ value, mode: "slow" })));
    expect(results.map((r) => r.value)).toEqual([2, 4, 6, 8, 10]);
    expect(threads.busy()).toBe(0);
  });

  it("rejects a task the thread reports as failed, and goes on", async () => {
    const threads = create(1);
    await expect(threads.run({ value: 7, mode: "fail" })).rejects.toThrow(ProveError);
    await expect(threads.run({ value: 7, mode: "fail" })).rejects.toThrow("cannot take 7");
    expect((await threads.run({ value: 3 })).value).toBe(6);
  });

  it("replaces a crashed thread: its task is rejected, the next one runs", async () => {
    const crashes: string[] = [];
    const threads = create(1, (reason) => crashes.push(reason));
    await expect(threads.run({ value: 1, mode: "crash" })).rejects.toThrow(ProverCrashedError);
    expect(crashes).toEqual(["thread crashed on purpose"]);
    expect((await threads.run({ value: 21 })).value).toBe(42);
  });

  it("close rejects running and waiting tasks and refuses new ones", async () => {
    const threads = create(1);
    const running = threads.run({ value: 1, mode: "slow" }).catch((error: unknown) => error);
    const waiting = threads.run({ value: 2 }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await threads.close();
    expect(await running).toBeInstanceOf(ProverCrashedError);
    expect(await waiting).toBeInstanceOf(ProverClosedError);
    await expect(threads.run({ value: 3 })).rejects.toThrow(ProverClosedError);
  });
});
