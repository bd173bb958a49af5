import type { PolicyRule } from "../policy/types.ts";
import { BaseError } from "./base.ts";

/** A send the spending policy refused; `rule` names the rule that refused it. */
export class PolicyViolationError extends BaseError {
  override name = "PolicyViolationError";
  readonly rule: PolicyRule;
  constructor({ rule, message }: { rule: PolicyRule; message: string }) {
    super(`Refused by the spending policy (${rule}): ${message}`);
    this.rule = rule;
  }
}

/** policy.json is not valid JSON or does not match the schema; names the file and the field. */
export class PolicyConfigError extends BaseError {
  override name = "PolicyConfigError";
  readonly field: string | undefined;
  constructor({ path, field, problem }: { path: string; field?: string; problem: string }) {
    super(`The spending policy at ${path} is not valid${field ? `: field "${field}"` : ""}: ${problem}.`, {
      metaMessages: [
        "Fix the field, or delete the file to have it recreated from the defaults on next use.",
        "Fields: perTransactionCap and dailyCap (per token, decimal strings), maxSlippageBps, defaultSlippageBps, allowlist, requireConfirmation, onChain (the session key's limits: perCallCap, dailyCap, recipients, targets, expiresInHours).",
      ],
    });
    this.field = field;
  }
}

/** The spend ledger beside policy.json cannot be read. */
export class SpendLedgerError extends BaseError {
  override name = "SpendLedgerError";
  constructor({ path, problem }: { path: string; problem: string }) {
    super(`The spend ledger at ${path} cannot be read: ${problem}.`, {
      metaMessages: ["It only records today's spending against the daily caps; delete it to start a new one."],
    });
  }
}
