import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";

/**
 * The repository's `circuits/` directory (Circom library, registry, committed ptau), under the repository root that
 * `workspaceRoot()` finds, so it works from any working directory inside the checkout and from a bundled entry point.
 *
 * @example
 * join(circuitsDir(), "lib", "fixedPoint.circom")
 */
export function circuitsDir(): string {
  return join(workspaceRoot(), "circuits");
}
