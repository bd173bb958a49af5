export { type DeployClient, type DeployStackParameters, deployStack } from "./deploy/deployStack.ts";
export { BaseError } from "./errors/base.ts";
export { NodeStartError } from "./errors/node.ts";
export { DevnetWorkersError, WorkerReadyMessageError, WorkerStartError } from "./errors/worker.ts";
export { findFreePort } from "./node/findFreePort.ts";
export { type StartNodeParameters, type StartNodeReturnType, startNode } from "./node/startNode.ts";
export {
  type DevnetWorkerSettingsParameters,
  type DevnetWorkerSettingsReturnType,
  devnetWorkerSettings,
} from "./worker/devnetWorkerSettings.ts";
export {
  type LaunchWorkerParameters,
  type LaunchWorkerReturnType,
  launchWorker,
  type StopWorkerParameters,
  type WorkerExit,
} from "./worker/launchWorker.ts";
export {
  type ParseWorkerReadyParameters,
  type ParseWorkerReadyReturnType,
  parseWorkerReady,
  type WorkerReady,
  type WorkerReadyMessage,
} from "./worker/parseWorkerReady.ts";
