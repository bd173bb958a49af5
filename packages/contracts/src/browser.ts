// The browser-safe part of @convergence/contracts (no node: modules): the generated ABIs and the deployment record's
// shape, for the dashboard. Deployment files are read and written by the Node entry only.

export { type Deployment, type StackContractName, stackContractNames } from "./deployments/types.ts";
export { BaseError } from "./errors/base.ts";
export * from "./generated/index.ts";
