import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export type ResolveConvergenceHomeParameters = {
  /** Default process.env. */
  env?: Record<string, string | undefined>;
};

export type ResolveConvergenceHomeReturnType = string;

/**
 * The directory for user state (imported models, caches): $CONVERGENCE_HOME if set, else
 * `.convergence` at the workspace root (the nearest directory holding pnpm-workspace.yaml, looking
 * up from the working directory, then from this package), else `.convergence` in the working
 * directory. The same rule as `convergenceHome()` in @convergence/zk, so both packages agree.
 *
 * @example
 * resolveConvergenceHome() // "/home/me/convergence/.convergence"
 */
export function resolveConvergenceHome({
  env = process.env,
}: ResolveConvergenceHomeParameters = {}): ResolveConvergenceHomeReturnType {
  const fromEnv = env.CONVERGENCE_HOME;
  if (fromEnv) return resolve(fromEnv);
  for (const start of [process.cwd(), import.meta.dirname]) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      if (existsSync(join(dir, "pnpm-workspace.yaml"))) return join(dir, ".convergence");
      if (dirname(dir) === dir) break;
    }
  }
  return resolve(".convergence");
}
