import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export type ResolveConvergenceHomeParameters = {
  /** Default process.env. */
  env?: Record<string, string | undefined>;
};

export type ResolveConvergenceHomeReturnType = string;

/**
 * The directory for user state (imported models, caches): $CONVERGENCE_HOME if set, else
 * `.convergence` at the workspace root (the nearest directory up from this package holding
 * pnpm-workspace.yaml), else `.convergence` in the current directory.
 *
 * @example
 * resolveConvergenceHome() // "/home/me/convergence/.convergence"
 */
export function resolveConvergenceHome({
  env = process.env,
}: ResolveConvergenceHomeParameters = {}): ResolveConvergenceHomeReturnType {
  const fromEnv = env.CONVERGENCE_HOME;
  if (fromEnv) return resolve(fromEnv);
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return join(dir, ".convergence");
    if (dirname(dir) === dir) return resolve(".convergence");
  }
}
