import { type ChildProcessByStdio, type SpawnOptions, spawn } from "node:child_process";
import type { Readable } from "node:stream";
import { workspaceRoot } from "@convergence/paths";

/** The `convergence` entry point users run (`pnpm convergence`, the package's bin): the launcher of the built CLI. */
export const CLI_ENTRY = "apps/cli/src/bin.ts";

export type SpawnCliOptions = Omit<SpawnOptions, "env" | "stdio"> & { env?: Record<string, string | undefined> };

/** Starts the `convergence` CLI as a user would (a separate process on this Node, from the repository root). */
export function spawnCli(
  args: string[],
  { env = {}, ...options }: SpawnCliOptions = {},
): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(process.execPath, [CLI_ENTRY, ...args], {
    cwd: workspaceRoot(),
    ...options,
    env: { ...process.env, FORCE_COLOR: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export type RunCliReturnType = { code: number | null; stdout: string; stderr: string; ms: number };

/** Runs the `convergence` CLI as a user would (a separate process), and collects its output. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<RunCliReturnType> {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawnCli(args, { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - start }));
  });
}
