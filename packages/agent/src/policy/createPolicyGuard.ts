import type { Address } from "viem";
import type { PlannedCall } from "../intent/types.ts";
import { checkPolicy } from "./checkPolicy.ts";
import { isAllowedRecipient } from "./isAllowedRecipient.ts";
import { readSpendLedger } from "./readSpendLedger.ts";
import { recordSpend } from "./recordSpend.ts";
import { spendOf } from "./spendOf.ts";
import type { PolicyConfig, PolicyViolation } from "./types.ts";
import { utcDay } from "./utcDay.ts";
import { withLedgerLock } from "./withLedgerLock.ts";

/** The outcome of a simulated send: fine, or the revert reason. */
export type SimulationResult = { ok: true; gas?: bigint } | { ok: false; reason: string };

/** A send as the guard sees it: the call, and for transfers the recipient resolved to an address. */
export type GuardedCall = Pick<PlannedCall, "name" | "args"> & { recipient?: Address };

export type CreatePolicyGuardParameters = {
  config: PolicyConfig;
  /** The spend ledger (beside policy.json). */
  ledgerPath: string;
  ownAccounts: readonly Address[];
  /** Only consulted when the policy opts in with `allowlist.anyRegisteredAgent`. */
  isRegisteredAgent?: (address: Address) => Promise<boolean>;
  /**
   * How many transactions the account has sent (its pending nonce), read before and after a send that
   * throws: unchanged means nothing was broadcast and the reservation is released. Without it, a send
   * that throws stays counted, since it may have gone out.
   */
  sentTransactionCount?: () => Promise<number>;
  /** Runs the send against the current chain state without sending (eth_call / simulateContract). */
  simulate: (call: GuardedCall) => Promise<SimulationResult>;
  /** Asks the user; not called when `yes` or the policy does not require confirmation. */
  confirm?: (summary: string) => Promise<boolean>;
  /** `--yes`: no confirmation. */
  yes?: boolean;
  now?: () => Date;
  /** Told of every decision before anything is sent (for streaming the run). */
  onDecision?: (call: GuardedCall, decision: PolicyDecision) => void;
};

/** The policy's verdict on one send. */
export type PolicyDecision =
  | { allowed: true; simulation: SimulationResult }
  | { allowed: false; violation: PolicyViolation };

export type PolicyOutcome<T> = { ok: true; result: T } | { ok: false; violation: PolicyViolation };

/** Puts every send through the policy; see createPolicyGuard. */
export type PolicyGuard = {
  enforce<T>(call: GuardedCall, execute: () => Promise<T>, options?: EnforceOptions): Promise<PolicyOutcome<T>>;
};

/** How a send that throws is told apart from one that went out. */
export type EnforceOptions = {
  /**
   * Whether `error` proves nothing was signed, so the reservation is given back. For payments someone else
   * broadcasts (an x402 authorization, which the facilitator settles) the agent's nonce says nothing: without this,
   * such a send that throws stays counted. With it, it replaces the nonce check.
   */
  nothingSigned?: (error: unknown) => boolean;
};

function describeCall(call: GuardedCall): string {
  const args = Object.entries(call.args)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  return `${call.name} ${args}${call.recipient && call.recipient !== call.args.to && call.recipient !== call.args.payTo ? ` (${call.recipient})` : ""}`;
}

/**
 * The spending policy between the model and the chain. For each send, in order: the static rules
 * (per-transaction and daily caps per token, slippage ceiling, recipient allowlist) checked and the
 * amount reserved in today's ledger in one step under the ledger lock, a simulation (a revert refuses
 * the send and shows the reason), confirmation unless `yes`; only then the send. Every refusal names
 * its rule, sends nothing and gives the reservation back; a send that throws keeps it unless the
 * account's nonce shows nothing was broadcast (a job paid and then a failed decode still counts), or, for payments
 * another party broadcasts (x402), unless `options.nothingSigned` says the error came before any signature.
 * Sends of one guard go one at a time: parallel tool calls of one model turn must not race the caps
 * nor share a nonce.
 *
 * @example
 * const guard = createPolicyGuard({ config, ledgerPath, ownAccounts: [me], simulate });
 * const outcome = await guard.enforce(call, () => transferToken(...));
 */
export function createPolicyGuard(parameters: CreatePolicyGuardParameters): PolicyGuard {
  const {
    config,
    ledgerPath,
    ownAccounts,
    isRegisteredAgent,
    sentTransactionCount,
    simulate,
    confirm,
    yes = false,
    onDecision,
  } = parameters;
  const now = parameters.now ?? (() => new Date());
  const refuse = (call: GuardedCall, violation: PolicyViolation) => {
    onDecision?.(call, { allowed: false, violation });
    return { ok: false as const, violation };
  };
  let turn: Promise<unknown> = Promise.resolve();

  async function enforceOne<T>(
    call: GuardedCall,
    execute: () => Promise<T>,
    options: EnforceOptions,
  ): Promise<PolicyOutcome<T>> {
    let recipientAllowed: boolean | undefined;
    if (call.name === "transfer_tokens" || call.name === "get_quick_inference") {
      recipientAllowed = call.recipient
        ? await isAllowedRecipient({ config, recipient: call.recipient, ownAccounts, isRegisteredAgent })
        : false;
    }
    const spend = spendOf({ call });
    const day = now();
    const violation = withLedgerLock({
      path: ledgerPath,
      run: () => {
        const spentToday = readSpendLedger({ path: ledgerPath }).days[utcDay(day)] ?? {};
        const found = checkPolicy({ config, call, spentToday, recipientAllowed });
        if (!found && spend) recordSpend({ path: ledgerPath, token: spend.token, amount: spend.amount, now: day });
        return found;
      },
    });
    if (violation) return refuse(call, violation);
    const release = () => {
      if (!spend) return;
      withLedgerLock({
        path: ledgerPath,
        run: () => recordSpend({ path: ledgerPath, token: spend.token, amount: spend.amount, now: day, release: true }),
      });
    };
    let refusal: PolicyViolation | undefined;
    let simulation: SimulationResult;
    let before: number | undefined;
    try {
      simulation = await simulate(call);
      if (!simulation.ok) {
        refusal = { rule: "simulation", message: `the simulated send reverted: ${simulation.reason}` };
      } else if (config.requireConfirmation && !yes && !(confirm ? await confirm(describeCall(call)) : false)) {
        refusal = {
          rule: "confirmation",
          message: confirm
            ? "you declined it."
            : "it needs confirmation and none was given: run with --yes to send without asking.",
        };
      }
      if (!refusal) before = await sentTransactionCount?.();
    } catch (error) {
      release();
      throw error;
    }
    if (refusal) {
      release();
      return refuse(call, refusal);
    }
    onDecision?.(call, { allowed: true, simulation });
    try {
      return { ok: true, result: await execute() };
    } catch (error) {
      if (options.nothingSigned) {
        if (options.nothingSigned(error)) release();
        throw error;
      }
      const after = before === undefined ? undefined : await sentTransactionCount?.().catch(() => undefined);
      if (after !== undefined && after === before) release();
      throw error;
    }
  }

  return {
    enforce(call, execute, options = {}) {
      const result = turn.then(() => enforceOne(call, execute, options));
      turn = result.catch(() => undefined);
      return result;
    },
  };
}
