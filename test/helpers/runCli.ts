import { spawn } from "node:child_process";
import { workspaceRoot } from "@convergence/paths";

export type RunCliReturnType = { code: number | null; stdout: string; stderr: string; ms: number };

/** Runs the `convergence` CLI as a user would (a separate process), and collects its output. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<RunCliReturnType> {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "apps/cli/src/bin.ts", ...args], {
      cwd: workspaceRoot(),
      env: { ...process.env, FORCE_COLOR: "0", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: Date.now() - start }));
  });
}
