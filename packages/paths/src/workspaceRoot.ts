import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { WorkspaceNotFoundError } from "./errors/workspace.ts";

export type WorkspaceRootParameters = {
  /** Where to start looking; defaults to the working directory, then this module's own location. */
  from?: string;
};

export type WorkspaceRootReturnType = string;

function search(start: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The repository root: the nearest directory holding `pnpm-workspace.yaml`, searched upward from the working directory,
 * then from this module's location. Searched rather than a fixed `../../..` from `import.meta.url`: a bundled entry
 * point (esbuild) moves this module to another depth, and a command run inside another checkout should use that one.
 *
 * @example
 * join(workspaceRoot(), "deployments", "31337.json") // "/home/me/convergence/deployments/31337.json"
 */
export function workspaceRoot({ from }: WorkspaceRootParameters = {}): WorkspaceRootReturnType {
  const starts = from === undefined ? [process.cwd(), dirname(fileURLToPath(import.meta.url))] : [from];
  for (const start of starts) {
    const root = search(start);
    if (root !== undefined) return root;
  }
  throw new WorkspaceNotFoundError({ from: starts.join(", ") });
}
