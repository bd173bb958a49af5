/**
 * A thread for the pool's unit test (the real one is src/prover/proverThread.ts): doubles a number, fails on
 * request, or crashes the thread.
 */
import { parentPort, workerData } from "node:worker_threads";

const factor: number = (workerData as { factor: number }).factor;

parentPort!.on("message", ({ id, task }: { id: number; task: { value: number; mode?: "fail" | "crash" | "slow" } }) => {
  if (task.mode === "crash") throw new Error("thread crashed on purpose");
  if (task.mode === "fail") {
    parentPort!.postMessage({ id, ok: false, error: { name: "RangeError", message: `cannot take ${task.value}` } });
    return;
  }
  setTimeout(
    () => parentPort!.postMessage({ id, ok: true, result: { value: task.value * factor, thread: process.pid } }),
    task.mode === "slow" ? 200 : 0,
  );
});
