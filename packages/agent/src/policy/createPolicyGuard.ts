import type { Address } from "viem";
import type { PlannedCall } from "../intent/types.ts";
import { checkPolicy } from "./checkPolicy.ts";
import { isAllowedRecipient } from "./isAllowedRecipient.ts";
import { readSpendLedger } from "./readSpendLedger.ts";
import { recordSpend } from "./recordSpend.ts";
import { spendOf } from "./spendOf.ts";
import type { PolicyConfig, PolicyViolation } from "./types.ts";
import { utcDay } from "./utcDay.ts";

/** The outcome of a simulated send: fine, or the revert reason. */
export type SimulationResult = { ok: true; gas?: bigint } | { ok: false; reason: string };

/** A send as the guard sees it: the call, and for transfers the recipient resolved to an address. */
export type GuardedCall = Pick<PlannedCall, "name" | "args"> & { recipient?: Address };

export type CreatePolicyGuardParameters = {
  config: PolicyConfig;
  /** The spend ledger (beside policy.json). */
  ledgerPath: string;
  ownAccounts: readonly Address[];
  isRegisteredAgent?: (address: Address) => Promise<boolean>;
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
  enforce<T>(call: GuardedCall, execute: () => Promise<T>): Promise<PolicyOutcome<T>>;
};

function describeCall(call: GuardedCall): string {
  const args = Object.entries(call.args)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  return `${call.name} ${args}${call.recipient && call.recipient !== call.args.to ? ` (${call.recipient})` : ""}`;
}

/**
 * The spending policy between the model and the chain. For each send, in order: the static rules
 * (per-transaction and daily caps per token, slippage ceiling, recipient allowlist), a simulation
 * (a revert refuses the send and shows the reason), confirmation unless `yes`; only then the send,
 * and its amount goes into today's ledger. Every refusal names its rule; nothing is sent.
 *
 * @example
 * const guard = createPolicyGuard({ config, ledgerPath, ownAccounts: [me], simulate });
 * const outcome = await guard.enforce(call, () => transferToken(...));
 */
export function createPolicyGuard(parameters: CreatePolicyGuardParameters): PolicyGuard {
  const { config, ledgerPath, ownAccounts, isRegisteredAgent, simulate, confirm, yes = false, onDecision } = parameters;
  const now = parameters.now ?? (() => new Date());
  const refuse = (call: GuardedCall, violation: PolicyViolation) => {
    onDecision?.(call, { allowed: false, violation });
    return { ok: false as const, violation };
  };
  return {
    async enforce(call, execute) {
      const spentToday = readSpendLedger({ path: ledgerPath }).days[utcDay(now())] ?? {};
      let recipientAllowed: boolean | undefined;
      if (call.name === "transfer_tokens") {
        recipientAllowed = call.recipient
          ? await isAllowedRecipient({ config, recipient: call.recipient, ownAccounts, isRegisteredAgent })
          : false;
      }
      const violation = checkPolicy({ config, call, spentToday, recipientAllowed });
      if (violation) return refuse(call, violation);
      const simulation = await simulate(call);
      if (!simulation.ok) {
        return refuse(call, { rule: "simulation", message: `the simulated send reverted: ${simulation.reason}` });
      }
      if (config.requireConfirmation && !yes) {
        const approved = confirm ? await confirm(describeCall(call)) : false;
        if (!approved) {
          return refuse(call, {
            rule: "confirmation",
            message: confirm
              ? "you declined it."
              : "it needs confirmation and none was given: run with --yes to send without asking.",
          });
        }
      }
      onDecision?.(call, { allowed: true, simulation });
      const result = await execute();
      const spend = spendOf({ call });
      if (spend) recordSpend({ path: ledgerPath, token: spend.token, amount: spend.amount, now: now() });
      return { ok: true, result };
    },
  };
}
