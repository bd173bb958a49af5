import type { WorkerJobState } from "@convergence/sdk";

/** Where a job is on the dashboard: the escrow's and attestor's events, and while open, what its worker says. */
export type JobState = "opened" | "proving" | "settled" | "verified" | "refunded" | "failed";

/**
 * A job's state from what the chain recorded (fulfilled, attested, refunded) and, while it is open, the worker's own
 * state (received, proving, submitted: "proving"; failed: "failed"). The chain wins: a job the attestor recorded is
 * "verified" (its proof passed the on-chain verifier), whatever a worker says.
 *
 * @example
 * jobState({ fulfilled: true, attested: true, refunded: false }) // "verified"
 */
export function jobState({
  fulfilled,
  attested,
  refunded,
  worker,
}: {
  fulfilled: boolean;
  attested: boolean;
  refunded: boolean;
  worker?: WorkerJobState | undefined;
}): JobState {
  if (attested) return "verified";
  if (fulfilled) return "settled";
  if (refunded) return "refunded";
  if (worker === "failed") return "failed";
  if (worker === "received" || worker === "proving" || worker === "submitted" || worker === "settled") return "proving";
  return "opened";
}
