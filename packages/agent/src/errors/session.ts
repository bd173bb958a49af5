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

/**
 * The owner's account refused a session batch on chain (its simulation, so nothing was sent): `errorName` is the
 * AgentAccount's custom error naming the rule.
 */
export class SessionRefusedError extends BaseError {
  override name = "SessionRefusedError";
  readonly errorName: string;
  readonly args: readonly unknown[];
  constructor({ errorName, args, cause }: { errorName: string; args: readonly unknown[]; cause?: unknown }) {
    super(
      `Refused on chain by the session key's policy: ${errorName}(${args.map(String).join(", ")}). Nothing was sent.`,
      {
        metaMessages: [
          "The owner's grant forbids it (see `convergence agent session show`); ask the owner to widen the grant, or stay within it.",
        ],
        cause,
      },
    );
    this.errorName = errorName;
    this.args = args;
  }
}

/** The deployment has no AgentAccount for the owner to delegate to. */
export class AgentAccountUnavailableError extends BaseError {
  override name = "AgentAccountUnavailableError";
  constructor({ chainId }: { chainId: number }) {
    super(`The deployment on chain ${chainId} has no AgentAccount, so no session key can be granted.`, {
      metaMessages: [
        "Deploy the current stack (pnpm convergence deploy, or restart pnpm chain / convergence devnet), then grant again.",
      ],
    });
  }
}

/** A quick (x402) answer was asked for on a session key, which cannot sign the account's EIP-3009 payment. */
export class QuickInferenceOnSessionError extends BaseError {
  override name = "QuickInferenceOnSessionError";
  constructor() {
    // The what-to-do is in the message itself: a tool's result carries the short message only.
    super(
      "A quick (x402) answer cannot be paid on a session key: its EIP-3009 authorization must be signed by the account's owner key, which the agent does not hold. Nothing was signed. Ask for a verified risk score instead (paid through the account), or run the agent on its own key (--no-session) for quick answers.",
    );
  }
}
