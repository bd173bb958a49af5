import { join } from "node:path";
import { workspaceRoot } from "../corpus/workspaceRoot.ts";

export type ResolveConvergenceHomeParameters = { env?: Record<string, string | undefined> };

/**
 * Where the agent keeps its policy and ledger: `CONVERGENCE_HOME`, else `<workspace root>/.convergence`.
 *
 * @example
 * resolveConvergenceHome({ env: process.env }); // "/path/to/repo/.convergence"
 */
export function resolveConvergenceHome({ env = process.env }: ResolveConvergenceHomeParameters = {}): string {
  const home = env.CONVERGENCE_HOME?.trim();
  return home ? home : join(workspaceRoot(), ".convergence");
}
