import type { EnforceOptions, GuardedCall } from "../policy/createPolicyGuard.ts";
import type { AgentContext } from "./types.ts";

export type GuardedSendParameters<T> = {
  context: AgentContext;
  call: GuardedCall;
  execute: () => Promise<T>;
  /** See EnforceOptions: how a send that throws is told apart from one that went out. */
  options?: EnforceOptions;
};

/**
 * Sends through the spending policy. A refusal comes back as text naming the rule
 * ("Refused (daily-cap): ..."), which the model reads and the embedded model treats as a stop.
 *
 * @example
 * return guardedSend({ context, call, execute: () => context.actions.wrapEth({ amount }) });
 */
export async function guardedSend<T>({
  context,
  call,
  execute,
  options,
}: GuardedSendParameters<T>): Promise<T | string> {
  const outcome = await context.guard.enforce(call, execute, options);
  if (!outcome.ok) return `Refused (${outcome.violation.rule}): ${outcome.violation.message} Nothing was sent.`;
  return outcome.result;
}
