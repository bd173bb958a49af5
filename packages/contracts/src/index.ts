export { deploymentPath } from "./deployments/deploymentPath.ts";
export { type ReadDeploymentParameters, readDeployment } from "./deployments/readDeployment.ts";
export { type Deployment, type StackContractName, stackContractNames } from "./deployments/types.ts";
export { writeDeployment } from "./deployments/writeDeployment.ts";
export { DEVNET_CHAIN_ID, DEVNET_MNEMONIC, devnetAccounts } from "./devnet/devnetAccounts.ts";
export {
  DEVNET_ROLE_INDEX,
  DEVNET_ROLES,
  type DevnetRole,
  type DevnetSigningRole,
  devnetRoleAccount,
} from "./devnet/devnetRoles.ts";
export {
  type DevnetWorkerAccountParameters,
  type DevnetWorkerAccountReturnType,
  devnetWorkerAccount,
} from "./devnet/devnetWorkerAccount.ts";
export {
  DEVNET_MAX_WORKERS,
  type DevnetWorkerIndexParameters,
  type DevnetWorkerIndexReturnType,
  devnetWorkerIndex,
} from "./devnet/devnetWorkerIndex.ts";
export { BaseError } from "./errors/base.ts";
export { DeploymentNotFoundError, InvalidDeploymentError } from "./errors/deployments.ts";
export { DevnetWorkerIndexError } from "./errors/devnet.ts";
export * from "./generated/index.ts";
