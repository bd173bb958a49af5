import { type ChildProcess, spawn } from "node:child_process";
import { workspaceRoot } from "@convergence/paths";

export type SpawnWorkerParameters = {
  rpcUrl: string;
  /** Holds <chainId>.json (CONVERGENCE_DEPLOYMENTS_DIR). */
  deploymentsDir: string;
  /** The job database; reuse it across spawns to test restarts. */
  dbPath: string;
  env?: Record<string, string>;
  timeoutMs?: number;
};

export type SpawnedWorker = {
  url: string;
  process: ChildProcess;
  /** Everything the worker logged so far (stderr). */
  log: () => string;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (graceful drain) or SIGKILL, then wait for the exit. */
  stop: (signal?: "SIGTERM" | "SIGKILL") => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * Starts `apps/worker/src/main.ts` as `pnpm worker` does, in its own process (so a test can SIGKILL it), on a free
 * port, and waits for its "Worker listening on <url>" line.
 */
export async function spawnWorker({
  rpcUrl,
  deploymentsDir,
  dbPath,
  env = {},
  timeoutMs = 120_000,
}: SpawnWorkerParameters): Promise<SpawnedWorker> {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
    cwd: workspaceRoot(),
    env: {
      ...process.env,
      FORCE_COLOR: "0",
      CONVERGENCE_RPC_URL: rpcUrl,
      CONVERGENCE_DEPLOYMENTS_DIR: deploymentsDir,
      WORKER_DB_PATH: dbPath,
      WORKER_PORT: "0",
      WORKER_POLL_INTERVAL_MS: "100",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  void exited.then(() => process.off("exit", killOnExit));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the worker did not start in ${timeoutMs} ms:\n${stderr}`)),
      timeoutMs,
    );
    const check = () => {
      const match = /Worker listening on (http:\/\/\S+?):? /.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on("data", check);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited (${code ?? signal}) before listening:\n${stderr}`));
    });
  });

  return {
    url,
    process: child,
    log: () => stderr,
    exited,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
