export {
  type ConvergenceHomeParameters,
  type ConvergenceHomeReturnType,
  convergenceHome,
} from "./convergenceHome.ts";
export { BaseError, type BaseErrorParameters } from "./errors/base.ts";
export { WorkspaceNotFoundError } from "./errors/workspace.ts";
export { type WorkspaceRootParameters, type WorkspaceRootReturnType, workspaceRoot } from "./workspaceRoot.ts";
