import { join, resolve } from "node:path";
import { findWorkspaceRoot } from "./findWorkspaceRoot.ts";

/**
 * Where Convergence keeps per-machine state (circuit builds, zkeys, devnet files): `$CONVERGENCE_HOME`,
 * else `<workspace root>/.convergence` (gitignored).
 *
 * @example
 * convergenceHome() // "/home/me/convergence/.convergence"
 */
export function convergenceHome(): string {
  const fromEnv = process.env["CONVERGENCE_HOME"];
  if (fromEnv !== undefined && fromEnv !== "") return resolve(fromEnv);
  return join(findWorkspaceRoot(), ".convergence");
}
