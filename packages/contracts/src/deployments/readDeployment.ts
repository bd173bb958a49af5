import { existsSync, readFileSync } from "node:fs";
import { isAddress } from "viem";
import { DeploymentNotFoundError, InvalidDeploymentError } from "../errors/deployments.ts";
import { deploymentPath } from "./deploymentPath.ts";
import { type Deployment, stackContractNames } from "./types.ts";

export type ReadDeploymentParameters = { chainId: number; dir?: string };

/**
 * Reads and checks `deployments/<chainId>.json`.
 *
 * @example
 * const { contracts } = readDeployment({ chainId: 31337 });
 */
export function readDeployment({ chainId, dir }: ReadDeploymentParameters): Deployment {
  const path = deploymentPath({ chainId, ...(dir ? { dir } : {}) });
  if (!existsSync(path)) throw new DeploymentNotFoundError({ chainId, path });
  let record: Deployment;
  try {
    record = JSON.parse(readFileSync(path, "utf8")) as Deployment;
  } catch (cause) {
    throw new InvalidDeploymentError({ path, problem: `not JSON (${(cause as Error).message})` });
  }
  if (record.chainId !== chainId) {
    throw new InvalidDeploymentError({ path, problem: `it is for chain ${record.chainId}, not ${chainId}` });
  }
  for (const name of stackContractNames) {
    const address = record.contracts?.[name];
    if (!address || !isAddress(address)) {
      throw new InvalidDeploymentError({ path, problem: `contracts.${name} is ${String(address)}, not an address` });
    }
  }
  return record;
}
