import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { WorkspaceNotFoundError } from "../errors/paths.ts";

export type FindWorkspaceRootParameters = {
  /** Where to start looking; defaults to the working directory, then this package's own location. */
  from?: string;
};

function search(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The nearest parent directory holding `pnpm-workspace.yaml`.
 *
 * @example
 * findWorkspaceRoot() // "/home/me/convergence"
 */
export function findWorkspaceRoot({ from }: FindWorkspaceRootParameters = {}): string {
  const starts = from === undefined ? [process.cwd(), dirname(fileURLToPath(import.meta.url))] : [from];
  for (const start of starts) {
    const root = search(start);
    if (root !== undefined) return root;
  }
  throw new WorkspaceNotFoundError({ from: starts.join(", ") });
}
