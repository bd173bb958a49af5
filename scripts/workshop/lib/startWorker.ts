import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";

export type StartWorkerReturnType = { url: string; agentId: string; process: ChildProcess; stop: () => Promise<void> };

/**
 * Starts the inference worker (`pnpm worker`, apps/worker) as a child process on a free port with a fresh job database,
 * and waits until it listens; `stop` sends SIGTERM (it drains) and waits. It registers itself and risk-v1 on first use.
 *
 * @example
 * const worker = await startWorker({ rpcUrl });
 */
export async function startWorker({
  rpcUrl,
  models,
}: {
  rpcUrl: string;
  /** WORKER_MODELS: the models and circuit packages to serve (default: the worker's, risk-v1). */
  models?: string[];
}): Promise<StartWorkerReturnType> {
  const dir = mkdtempSync(join(tmpdir(), "convergence-workshop-worker-"));
  const child = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
    cwd: workspaceRoot(),
    env: {
      ...process.env,
      CONVERGENCE_RPC_URL: rpcUrl,
      WORKER_DB_PATH: join(dir, "jobs.sqlite"),
      WORKER_PORT: "0",
      WORKER_POLL_INTERVAL_MS: "100",
      WORKER_LOG_LEVEL: "warn",
      ...(models ? { WORKER_MODELS: models.join(",") } : {}),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stdout = "";
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const found = /Worker listening on (http:\/\/\S+?): agent (\d+)/.exec(stdout);
      if (found) resolve(found);
    });
    void exited.then(() => reject(new Error("the worker exited before it listened (its log is above)")));
  });
  return {
    url: match[1]!,
    agentId: match[2]!,
    process: child,
    stop: async () => {
      process.off("exit", killOnExit);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
