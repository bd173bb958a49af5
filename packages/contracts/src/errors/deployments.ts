import { BaseError } from "./base.ts";

export class DeploymentNotFoundError extends BaseError {
  override name = "DeploymentNotFoundError";
  constructor({ chainId, path }: { chainId: number; path: string }) {
    super(`No deployment record for chain ${chainId} at ${path}.`, {
      metaMessages: ["Deploy first: `pnpm convergence deploy` (start the chain with `pnpm chain`)."],
    });
  }
}

export class InvalidDeploymentError extends BaseError {
  override name = "InvalidDeploymentError";
  constructor({ path, problem }: { path: string; problem: string }) {
    super(`The deployment record ${path} is not valid: ${problem}.`, {
      metaMessages: ["Redeploy with `pnpm convergence deploy` to rewrite it."],
    });
  }
}
