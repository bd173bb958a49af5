import { join, resolve } from "node:path";
import { workspaceRoot } from "./workspaceRoot.ts";

export type ConvergenceHomeParameters = {
  /** Default process.env; only CONVERGENCE_HOME is read. */
  env?: Record<string, string | undefined>;
};

export type ConvergenceHomeReturnType = string;

/**
 * Where Convergence keeps per-machine state (zk cache, imported models, circuit packages, the agent's policy and
 * ledger, the worker's job database): `$CONVERGENCE_HOME` (trimmed; relative to the working directory), else
 * `<workspace root>/.convergence` (gitignored). A blank value counts as unset. Outside a checkout without
 * CONVERGENCE_HOME it throws WorkspaceNotFoundError rather than scattering state into the working directory.
 *
 * @example
 * convergenceHome() // "/home/me/convergence/.convergence"
 * convergenceHome({ env: { CONVERGENCE_HOME: " state " } }) // "<working directory>/state"
 */
export function convergenceHome({ env = process.env }: ConvergenceHomeParameters = {}): ConvergenceHomeReturnType {
  const fromEnv = env.CONVERGENCE_HOME?.trim();
  if (fromEnv) return resolve(fromEnv);
  return join(workspaceRoot(), ".convergence");
}
