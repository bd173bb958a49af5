import { spawn } from "node:child_process";
import { workspaceRoot } from "@convergence/contracts";

export type RunDemoCliReturnType = { code: number | null; stdout: string; stderr: string; ms: number };

/** Runs `convergence <args>` (test/demo/demoCli.ts) as a separate process, like test/helpers/runCli.ts. */
export function runDemoCli(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<RunDemoCliReturnType> {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/demo/demoCli.ts", ...args], {
      cwd: workspaceRoot,
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
