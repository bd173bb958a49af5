import { BaseError } from "./base.ts";

/** No parent directory of the places searched holds pnpm-workspace.yaml. */
export class WorkspaceNotFoundError extends BaseError {
  override name = "WorkspaceNotFoundError";
  constructor({ from }: { from: string }) {
    super("Could not find the Convergence workspace (a parent directory with pnpm-workspace.yaml).", {
      details: `searched upward from ${from}`,
      metaMessages: ["Run the command inside the Convergence checkout, or set CONVERGENCE_HOME to a state directory."],
    });
  }
}
