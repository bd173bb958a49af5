import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { convergenceHome } from "@convergence/paths";
import { spawnCli } from "./runCli.ts";

/** What `convergence devnet --json` prints once everything runs. */
export type DevnetReady = {
  chainId: number;
  rpcUrl: string;
  workerUrl: string;
  dashboardUrl: string;
  agentUrl: string;
  contracts: Record<string, `0x${string}`>;
  model: { name: string; modelId: string };
  workers: { worker: number; url: string; agentId: string }[];
};

export type SpawnDevnetReturnType = {
  ready: DevnetReady;
  /** Environment for CLI commands against this devnet (its RPC, worker, deployments and home). */
  env: Record<string, string>;
  /** Ctrl-C (SIGINT), then removes the temporary folders. */
  stop(): Promise<void>;
};

/**
 * `convergence devnet` as a user runs it (chain, deployment, worker, dashboard), on free ports with its own deployments
 * folder and home (the zk keys are the machine's shared cache), for tests and benches that drive the whole stack.
 *
 * @example
 * const devnet = await spawnDevnet();
 * await runCli(["job", "open", ...], devnet.env);
 * await devnet.stop();
 */
export async function spawnDevnet({ args = [] }: { args?: string[] } = {}): Promise<SpawnDevnetReturnType> {
  const deploymentsDir = mkdtempSync(join(tmpdir(), "convergence-devnet-deployments-"));
  const home = mkdtempSync(join(tmpdir(), "convergence-devnet-home-"));
  mkdirSync(join(convergenceHome(), "zk"), { recursive: true });
  symlinkSync(join(convergenceHome(), "zk"), join(home, "zk"));
  const env = { CONVERGENCE_DEPLOYMENTS_DIR: deploymentsDir, CONVERGENCE_HOME: home };
  const child = spawnCli(
    [
      "devnet",
      "--port",
      "0",
      "--worker-port",
      "0",
      "--facilitator-port",
      "0",
      "--dashboard-port",
      "0",
      "--agent-port",
      "0",
      "--json",
      ...args,
    ],
    {
      env,
    },
  );
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = await new Promise<DevnetReady>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (stdout.trimEnd().endsWith("}")) {
        try {
          resolve(JSON.parse(stdout) as DevnetReady);
        } catch {}
      }
    });
    void exited.then((code) => reject(new Error(`devnet exited (${code}) before it was ready:\n${stderr}`)));
  });
  return {
    ready,
    env: { ...env, CONVERGENCE_RPC_URL: ready.rpcUrl, CONVERGENCE_WORKER_URL: ready.workerUrl },
    async stop() {
      child.kill("SIGINT");
      await exited;
      process.off("exit", killOnExit);
      rmSync(deploymentsDir, { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
    },
  };
}
