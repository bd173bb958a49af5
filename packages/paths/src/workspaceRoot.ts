import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { WorkspaceNotFoundError } from "./errors/workspace.ts";

export type WorkspaceRootParameters = {
  /** Where to start looking; defaults to this module's own location, then the working directory. */
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
 * The repository root: the nearest directory holding `pnpm-workspace.yaml`, searched upward from this module's location,
 * then from the working directory. The checkout the code lives in comes first: a command run from inside another pnpm
 * workspace must not read that workspace's deployments, policy or keys. Searched rather than a fixed `../../..`, so a
 * bundle that keeps each module's own `import.meta.url` (the CLI's) finds the same root.
 *
 * @example
 * join(workspaceRoot(), "deployments", "31337.json") // "/home/me/convergence/deployments/31337.json"
 */
export function workspaceRoot({ from }: WorkspaceRootParameters = {}): WorkspaceRootReturnType {
  const starts = from === undefined ? [dirname(fileURLToPath(import.meta.url)), process.cwd()] : [from];
  for (const start of starts) {
    const root = search(start);
    if (root !== undefined) return root;
  }
  throw new WorkspaceNotFoundError({ from: starts.join(", ") });
}
