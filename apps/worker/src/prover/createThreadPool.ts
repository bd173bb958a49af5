import { Worker } from "node:worker_threads";
import { ProveError, ProverClosedError, ProverCrashedError } from "../errors/jobs.ts";

export type CreateThreadPoolParameters = {
  /** Threads (tasks run at the same time). */
  size: number;
  /**
   * The thread's module. It answers each `{ id, task }` message with `{ id, ok: true, result }` or
   * `{ id, ok: false, error: { name, message } }`.
   */
  script: URL;
  /** Passed to every thread as `workerData`. */
  workerData?: unknown;
  /** Called when a thread dies and is replaced. */
  onCrash?: (reason: string) => void;
};

export type ThreadPool<TTask, TResult> = {
  run(task: TTask): Promise<TResult>;
  /** Tasks running now. */
  busy(): number;
  size: number;
  /** Terminates every thread; a running task is rejected with ProverCrashedError, a waiting one with ProverClosedError. */
  close(): Promise<void>;
};

export type CreateThreadPoolReturnType<TTask, TResult> = ThreadPool<TTask, TResult>;

type Slot = {
  worker: Worker;
  current: { id: number; resolve: (value: unknown) => void; reject: (error: Error) => void } | undefined;
};

type Reply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { name: string; message: string } };

/**
 * A fixed set of worker threads (node:worker_threads) running TypeScript through tsx, one task per thread at a time,
 * with a FIFO for tasks that find every thread busy. A thread that crashes rejects its task and is replaced, so one bad
 * task never takes the pool down.
 *
 * @example
 * const pool = createThreadPool<ProveTask, ProveResult>({ size: 2, script: new URL("./proverThread.ts", import.meta.url) });
 * const result = await pool.run(task);
 */
export function createThreadPool<TTask, TResult>({
  size,
  script,
  workerData,
  onCrash = () => {},
}: CreateThreadPoolParameters): CreateThreadPoolReturnType<TTask, TResult> {
  const slots: Slot[] = [];
  const waiting: { task: TTask; resolve: (value: unknown) => void; reject: (error: Error) => void }[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    // tsx in the thread too: the thread's module and the packages it imports are TypeScript.
    const worker = new Worker(script, { execArgv: ["--import", "tsx"], workerData });
    const slot: Slot = { worker, current: undefined };
    worker.on("message", (reply: Reply) => {
      const current = slot.current;
      if (!current || current.id !== reply.id) return;
      slot.current = undefined;
      if (reply.ok) current.resolve(reply.result);
      else current.reject(new ProveError({ message: reply.error.message, errorName: reply.error.name }));
      dispatch();
    });
    let failure: string | undefined;
    worker.on("error", (error) => {
      failure = error.message;
    });
    worker.on("exit", (code) => {
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
      const reason = failure ?? `the thread exited with code ${code}`;
      slot.current?.reject(new ProverCrashedError({ reason: closed ? "the pool was closed" : reason }));
      slot.current = undefined;
      if (!closed) {
        onCrash(reason);
        slots.push(spawn());
        dispatch();
      }
    });
    return slot;
  };

  const dispatch = () => {
    for (const slot of slots) {
      if (waiting.length === 0) return;
      if (slot.current) continue;
      const { task, resolve, reject } = waiting.shift()!;
      const id = nextId++;
      slot.current = { id, resolve, reject };
      slot.worker.postMessage({ id, task });
    }
  };

  for (let i = 0; i < size; i++) slots.push(spawn());

  return {
    size,
    run(task) {
      if (closed) return Promise.reject(new ProverClosedError());
      return new Promise<TResult>((resolve, reject) => {
        waiting.push({ task, resolve: resolve as (value: unknown) => void, reject });
        dispatch();
      });
    },
    busy: () => slots.filter((slot) => slot.current).length,
    async close() {
      closed = true;
      for (const { reject } of waiting.splice(0)) reject(new ProverClosedError());
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
