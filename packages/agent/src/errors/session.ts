import { BaseError } from "./base.ts";

/** The session key file is missing, unreadable, or for another chain or account; says what to run. */
export class SessionKeyFileError extends BaseError {
  override name = "SessionKeyFileError";
  constructor({ path, problem, fix }: { path: string; problem: string; fix?: string }) {
    super(`The session key at ${path} cannot be used: ${problem}.`, {
      metaMessages: [fix ?? "Grant a new one with `convergence agent session grant` (it writes this file)."],
    });
  }
}

/** The agent was started with neither its own key nor a session key, or with both. */
export class AgentAccountConfigError extends BaseError {
  override name = "AgentAccountConfigError";
  constructor({ problem }: { problem: string }) {
    super(`The agent's account is not configured: ${problem}.`, {
      metaMessages: ["Pass `account` (the agent's own key) or `session: { account, key }` (a session key), not both."],
    });
  }
}
