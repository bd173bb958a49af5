import { type ChildProcess, spawn } from "node:child_process";
import { workspaceRoot } from "@convergence/paths";
import { CliError } from "../errors.ts";

export type SpawnDemoWorkerParameters = {
  rpcUrl: string;
  /** Holds <chainId>.json. */
  deploymentsDir: string;
  /** The worker's job database (a fresh chain wants a fresh file). */
  dbPath: string;
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** Worker log lines (stderr), e.g. for a verbose mode. */
  onLog?: (line: string) => void;
  timeoutMs?: number;
};

export type SpawnDemoWorkerReturnType = {
  url: string;
  agentId: bigint;
  address: string;
  process: ChildProcess;
  /** Everything the worker logged so far. */
  log: () => string;
  /** SIGTERM (drains in-flight proofs), then waits for the exit. Safe to call twice. */
  stop: () => Promise<void>;
};

/**
 * Starts the inference worker as `pnpm worker` does, in its own process (apps are never imported), and waits for
 * "Worker listening on <url>: agent <id>, wallet <address>". The worker is killed if this process exits.
 *
 * @example
 * const worker = await spawnDemoWorker({ rpcUrl, deploymentsDir, dbPath: "/tmp/jobs.sqlite" });
 * await worker.stop();
 */
export async function spawnDemoWorker({
  rpcUrl,
  deploymentsDir,
  dbPath,
  host = "127.0.0.1",
  port = 0,
  onLog,
  timeoutMs = 180_000,
}: SpawnDemoWorkerParameters): Promise<SpawnDemoWorkerReturnType> {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
    cwd: workspaceRoot(),
    env: {
      ...process.env,
      FORCE_COLOR: "0",
      CONVERGENCE_RPC_URL: rpcUrl,
      CONVERGENCE_DEPLOYMENTS_DIR: deploymentsDir,
      WORKER_DB_PATH: dbPath,
      WORKER_HOST: host,
      WORKER_PORT: String(port),
      WORKER_POLL_INTERVAL_MS: "100",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-50_000);
    if (onLog) for (const line of chunk.toString().split("\n")) if (line.trim()) onLog(line);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const stop = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };

  try {
    const match = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new CliError(`The worker did not start within ${timeoutMs / 1000} s.`, { details: tail(stderr) })),
        timeoutMs,
      );
      child.stdout!.on("data", () => {
        const found = /Worker listening on (http:\/\/\S+?): agent (\d+), wallet (0x[0-9a-fA-F]{40})/.exec(stdout);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(
          new CliError(`The worker exited (code ${child.exitCode ?? child.signalCode}) before it listened.`, {
            details: tail(stderr),
            metaMessages: ["Run it alone with `pnpm worker` (see apps/worker/README.md) to see why."],
          }),
        );
      });
    });
    return {
      url: match[1]!,
      agentId: BigInt(match[2]!),
      address: match[3]!,
      process: child,
      log: () => stderr,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function tail(text: string): string {
  return text.trim().split("\n").slice(-15).join("\n");
}
