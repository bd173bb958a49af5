export { type DeployClient, type DeployStackParameters, deployStack } from "./deploy/deployStack.ts";
export { BaseError } from "./errors/base.ts";
export { NodeStartError } from "./errors/node.ts";
export { findFreePort } from "./node/findFreePort.ts";
export { type StartNodeParameters, type StartNodeReturnType, startNode } from "./node/startNode.ts";
