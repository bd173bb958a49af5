import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { deploymentPath } from "./deploymentPath.ts";
import type { Deployment } from "./types.ts";

/** Writes `deployments/<chainId>.json` and returns its path. */
export function writeDeployment({ deployment, dir }: { deployment: Deployment; dir?: string }): string {
  const path = deploymentPath({ chainId: deployment.chainId, ...(dir ? { dir } : {}) });
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(deployment, null, 2)}\n`);
  return path;
}
