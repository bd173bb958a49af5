import { BaseError } from "./base.ts";

/**
 * A private-key setting that cannot give an account on this chain: malformed, missing off the local devnet, or a public
 * Hardhat devnet key off the local devnet. Names the setting, the problem and the fix.
 */
export class AccountSettingError extends BaseError {
  override name = "AccountSettingError";
  readonly setting: string;
  readonly problem: string;
  readonly fix: string;
  constructor({ setting, problem, fix }: { setting: string; problem: string; fix: string }) {
    super(`${setting}: ${problem}`, { metaMessages: [fix] });
    this.setting = setting;
    this.problem = problem;
    this.fix = fix;
  }
}

/**
 * An account that has not delegated (EIP-7702) to the AgentAccount code, where an account action needs it: without
 * the code, a call to the owner's address is a plain transfer that succeeds and checks nothing.
 */
export class AgentAccountNotDelegatedError extends BaseError {
  override name = "AgentAccountNotDelegatedError";
  readonly account: string;
  readonly delegatedTo: string | undefined;
  constructor({ account, delegatedTo }: { account: string; delegatedTo?: string | undefined }) {
    super(
      delegatedTo
        ? `Account ${account} delegates to ${delegatedTo}, not to the AgentAccount implementation expected.`
        : `Account ${account} has not delegated to the AgentAccount code (EIP-7702): it is a plain EOA.`,
      {
        metaMessages: [
          "Delegate it first with its owner key: delegateToAgentAccount(ownerClient, { implementation: deployment.contracts.AgentAccount }).",
        ],
      },
    );
    this.account = account;
    this.delegatedTo = delegatedTo;
  }
}

/** The account cannot sign an EIP-7702 authorization (a JSON-RPC account): delegation needs the owner's local key. */
export class DelegationSignerError extends BaseError {
  override name = "DelegationSignerError";
  constructor({ account }: { account: string }) {
    super(`Account ${account} cannot sign an EIP-7702 authorization here.`, {
      metaMessages: [
        "Use a local private-key or mnemonic account for the owner (privateKeyToAccount, mnemonicToAccount).",
      ],
    });
  }
}

/** No contract at the AgentAccount implementation address: delegating to it would leave the account without code. */
export class AgentAccountImplementationMissingError extends BaseError {
  override name = "AgentAccountImplementationMissingError";
  constructor({ implementation }: { implementation: string }) {
    super(`No contract at ${implementation}, the AgentAccount implementation given.`, {
      metaMessages: ["Deploy the stack (pnpm convergence deploy) and pass its deployment's contracts.AgentAccount."],
    });
  }
}
