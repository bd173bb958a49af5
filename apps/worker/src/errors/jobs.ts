import { BaseError } from "./base.ts";

/**
 * A job that cannot be finished by this worker: the processor marks it failed with `code` and does not retry.
 * Codes: JOB_REFUNDED, JOB_FULFILLED_ELSEWHERE, JOB_EXPIRED, JOB_NOT_FOUND, MODEL_NOT_SERVED, PROVE_FAILED,
 * OUTPUT_MISMATCH, FULFILL_REVERTED, CHAIN_RESET, BELOW_PRICE_FLOOR, DEADLINE_TOO_SOON.
 */
export class JobFailedError extends BaseError {
  override name = "JobFailedError";
  readonly code: string;
  constructor({ code, message, cause }: { code: string; message: string; cause?: unknown }) {
    super(message, { cause });
    this.code = code;
  }
}

/** A prover thread died (crash, out of memory, terminated) while it held a task. */
export class ProverCrashedError extends BaseError {
  override name = "ProverCrashedError";
  constructor({ reason }: { reason: string }) {
    super(`A prover thread stopped while proving: ${reason}.`, {
      metaMessages: ["The job is retried; if it keeps failing, run the worker with WORKER_LOG_LEVEL=debug."],
    });
  }
}

/** The thread reported an error while proving. */
export class ProveError extends BaseError {
  override name = "ProveError";
  constructor({ message, errorName }: { message: string; errorName: string }) {
    super(`Proving failed (${errorName}): ${message}`);
  }
}

/** The prover pool was closed before it ran the task. */
export class ProverClosedError extends BaseError {
  override name = "ProverClosedError";
  constructor() {
    super("The prover pool is closed; no task can start.");
  }
}
