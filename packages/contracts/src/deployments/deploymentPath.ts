import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";

/** `deployments/<chainId>.json` under CONVERGENCE_DEPLOYMENTS_DIR, or the repository's deployments/. */
export function deploymentPath({ chainId, dir }: { chainId: number; dir?: string }): string {
  return join(
    dir ?? process.env.CONVERGENCE_DEPLOYMENTS_DIR ?? join(workspaceRoot(), "deployments"),
    `${chainId}.json`,
  );
}
