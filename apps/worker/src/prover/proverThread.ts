/**
 * A prover thread of the worker's pool (see createProverPool): proves one job at a time with @convergence/zk's
 * Groth16 `prove` (an MLP) or `proveCircuitPackage` (a circuit package, loaded once per directory), keeping snarkjs'
 * curve between proofs (warm proofs are several times faster).
 *
 * Protocol: `{ id, task: ProveTask }` in, `{ id, ok: true, result: ProveResult }` or
 * `{ id, ok: false, error: { name, message } }` out.
 */
import threads, { parentPort } from "node:worker_threads";
import type { ProveResult, ProveTask } from "./types.ts";

// snarkjs and circomlibjs load ffjavascript, which loads `web-worker`; that module assumes that any thread other than
// the main one is a thread it spawned itself and reads its own workerData at load time, which fails here. Loading
// them with `isMainThread` reading true makes web-worker take its main-thread role: it then spawns ffjavascript's
// helper threads from this thread as it would from a main thread. The flag is restored right after loading.
const workerThreads = threads as { isMainThread: boolean };
workerThreads.isMainThread = true;
const { prove, proveCircuitPackage, loadCircuitPackage } = await import("@convergence/zk");
workerThreads.isMainThread = false;

const packages = new Map<string, ReturnType<typeof loadCircuitPackage>>();
const loadPackage = (dir: string) => {
  let pkg = packages.get(dir);
  if (pkg === undefined) {
    pkg = loadCircuitPackage({ dir });
    packages.set(dir, pkg);
    pkg.catch(() => packages.delete(dir));
  }
  return pkg;
};

parentPort!.on("message", async ({ id, task }: { id: number; task: ProveTask }) => {
  try {
    const request = { input: task.input, salt: task.salt, binding: task.binding, keepCurve: true };
    const result =
      "circuitDir" in task
        ? await proveCircuitPackage({ pkg: await loadPackage(task.circuitDir), ...request })
        : await prove({ model: task.quantized, ...request });
    const reply: ProveResult = {
      output: result.output,
      publicSignals: result.publicSignals,
      proof: result.proof,
      calldata: result.calldata,
      proveMs: result.proveMs,
    };
    parentPort!.postMessage({ id, ok: true, result: reply });
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    parentPort!.postMessage({ id, ok: false, error: { name, message } });
  }
});
