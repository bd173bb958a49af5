import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";
import { WorkerStartError } from "../errors/worker.ts";
import { parseWorkerReady, type WorkerReady } from "./parseWorkerReady.ts";

export type LaunchWorkerParameters = {
  /** CONVERGENCE_RPC_URL: the chain the worker serves. */
  rpcUrl: string;
  /** CONVERGENCE_DEPLOYMENTS_DIR: holds <chainId>.json (default: the worker's, <repo>/deployments). */
  deploymentsDir?: string;
  /** WORKER_DB_PATH: the job database; reuse it across launches to resume jobs (default: the worker's). */
  dbPath?: string;
  /** WORKER_HOST (default: the worker's, 127.0.0.1). */
  host?: string;
  /** WORKER_PORT; 0 (the default here) = any free port, reported in the readiness. */
  port?: number;
  /**
   * WORKER_POLL_INTERVAL_MS (default 100 here, against the worker's 250): launches here serve a local automining node,
   * where a job opened is mined at once and the poll is the only wait.
   */
  pollIntervalMs?: number;
  /** Any other worker setting (see apps/worker/.env.example); wins over the fields above and this process's env. */
  env?: Record<string, string | undefined>;
  /** Every line the worker prints as it comes, with its stream (the log is on stderr). */
  onOutput?: (line: string, stream: "stdout" | "stderr") => void;
  /**
   * How long to wait for the readiness message (default 360 s). Measured cold starts on a shared 2-core machine: 21 s
   * with the zk keys cached, 117 s when risk-v1's Groth16 setup runs first (79 s of it); the default is 3x the latter.
   */
  readyTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL (default: past the worker's 120 s drain timeout). */
  stopGraceMs?: number;
};

export type WorkerExit = { code: number | null; signal: NodeJS.Signals | null };

export type StopWorkerParameters = {
  /** SIGTERM (default) lets in-flight proofs finish; SIGKILL ends it at once (e.g. to test a crash). */
  signal?: "SIGTERM" | "SIGKILL";
  graceMs?: number;
};

export type LaunchWorkerReturnType = WorkerReady & {
  process: ChildProcess;
  /** The worker's recent output (stdout and stderr interleaved, last 1 MB). */
  output: () => string;
  /** Resolves when the process has ended and its output has been read to the end. */
  exited: Promise<WorkerExit>;
  /** Sends the signal, SIGKILL after the grace period, and resolves with the exit. Safe to call twice. */
  stop: (parameters?: StopWorkerParameters) => Promise<WorkerExit>;
};

const WORKER_MAIN = join("apps", "worker", "src", "main.ts");
const OUTPUT_LIMIT = 1_000_000;

/**
 * Starts the inference worker as `pnpm worker` runs it, in its own process (apps are never imported), and resolves
 * once it serves, with what its readiness message says (url, port, agent id, account, models and their on-chain
 * ids). Readiness is an IPC message the worker sends when spawned with an `ipc` stdio slot (`WorkerReadyMessage`),
 * not a log line. Rejects with `WorkerStartError`, carrying its last output lines, if the worker exits first or the
 * timeout passes. The worker is killed if this process exits.
 *
 * @example
 * const worker = await launchWorker({ rpcUrl: node.url, deploymentsDir, dbPath: "/tmp/jobs.sqlite" });
 * console.log(worker.url, worker.agentId, worker.models);
 * await worker.stop();
 */
export async function launchWorker({
  rpcUrl,
  deploymentsDir,
  dbPath,
  host,
  port = 0,
  pollIntervalMs = 100,
  env = {},
  onOutput,
  readyTimeoutMs = 360_000,
  stopGraceMs = 150_000,
}: LaunchWorkerParameters): Promise<LaunchWorkerReturnType> {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER_MAIN], {
    cwd: workspaceRoot(),
    env: {
      ...process.env,
      FORCE_COLOR: "0",
      CONVERGENCE_RPC_URL: rpcUrl,
      ...(deploymentsDir === undefined ? {} : { CONVERGENCE_DEPLOYMENTS_DIR: deploymentsDir }),
      ...(dbPath === undefined ? {} : { WORKER_DB_PATH: dbPath }),
      ...(host === undefined ? {} : { WORKER_HOST: host }),
      WORKER_PORT: String(port),
      WORKER_POLL_INTERVAL_MS: String(pollIntervalMs),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });

  let output = "";
  const follow = (name: "stdout" | "stderr", stream: NodeJS.ReadableStream) => {
    let partial = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      output = (output + chunk).slice(-OUTPUT_LIMIT);
      const lines = (partial + chunk).split("\n");
      partial = lines.pop()!;
      if (onOutput) for (const line of lines) if (line.trim()) onOutput(line, name);
    });
    stream.on("end", () => {
      if (onOutput && partial.trim()) onOutput(partial, name);
    });
  };
  follow("stdout", child.stdout!);
  follow("stderr", child.stderr!);

  // Read to the end, so that once `exited` resolves output() holds the worker's last words ("exit" can come first).
  const drained = [child.stdout!, child.stderr!].map(
    (stream) => new Promise<void>((resolve) => (stream.readableEnded ? resolve() : stream.once("close", resolve))),
  );
  const exited = new Promise<WorkerExit>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    // A process that never started (no pid) emits no "exit".
    child.once("error", () => child.pid === undefined && resolve({ code: null, signal: null }));
  }).then(async (exit) => {
    await Promise.all(drained);
    return exit;
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  void exited.then(() => process.off("exit", killOnExit));

  const stop = async ({ signal = "SIGTERM", graceMs = stopGraceMs }: StopWorkerParameters = {}) => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    }
    return exited;
  };

  let timer: NodeJS.Timeout | undefined;
  try {
    const ready = await new Promise<WorkerReady>((resolve, reject) => {
      const fail = (reason: string, hint: string, cause?: unknown) =>
        reject(new WorkerStartError({ reason, output, hint, cause }));
      timer = setTimeout(
        () =>
          fail(
            `no readiness message within ${readyTimeoutMs / 1000} s`,
            "If the machine is busy or a zk setup is running, pass a longer readyTimeoutMs; otherwise the output above says where it stopped.",
          ),
        readyTimeoutMs,
      );
      child.once("error", (error) =>
        fail(
          `the process could not be started (${error.message})`,
          `Check that Node can run ${WORKER_MAIN} from ${workspaceRoot()}.`,
          error,
        ),
      );
      child.on("message", (message) => {
        try {
          const parsed = parseWorkerReady({ message });
          if (parsed) resolve(parsed);
        } catch (error) {
          fail(
            "its readiness message was malformed",
            "Run the worker and this launcher from the same checkout.",
            error,
          );
        }
      });
      void exited.then(({ code, signal }) =>
        fail(
          `the process exited (${code === null ? `signal ${signal}` : `code ${code}`}) before it was ready`,
          "Its output above says why; run it alone with `pnpm worker` (settings in apps/worker/.env.example) to see the whole log.",
        ),
      );
    });
    // Nothing else travels on the channel; closing it lets this process exit without waiting on the worker's.
    if (child.connected) child.disconnect();
    return { ...ready, process: child, output: () => output, exited, stop };
  } catch (error) {
    await stop({ signal: "SIGTERM", graceMs: 5_000 });
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
