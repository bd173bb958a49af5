import type { Address } from "viem";
import { BaseError } from "./base.ts";

/**
 * The worker answered with an error (`{ error: { code, message } }`). `status` is the HTTP status, `code` the worker's
 * stable code (INVALID_REQUEST, COMMITMENT_MISMATCH, QUEUE_FULL, ...). Subclasses name the cases callers handle.
 */
export class WorkerRequestError extends BaseError {
  override name = "WorkerRequestError";
  readonly status: number;
  readonly code: string;
  constructor({ url, status, code, message }: { url: string; status: number; code: string; message: string }) {
    super(`The worker refused the request (${status} ${code}): ${message}`, { details: url });
    this.status = status;
    this.code = code;
  }
}

/** 400: the body or a parameter does not fit the API (wrong types, wrong input width, a value out of range). */
export class WorkerInvalidRequestError extends WorkerRequestError {
  override name = "WorkerInvalidRequestError";
}

/** 404 JOB_NOT_FOUND: no such job in the escrow the worker watches (open it on-chain first). */
export class WorkerJobNotFoundError extends WorkerRequestError {
  override name = "WorkerJobNotFoundError";
}

/** 404 MODEL_NOT_FOUND: the worker does not serve that model. */
export class WorkerModelNotServedError extends WorkerRequestError {
  override name = "WorkerModelNotServedError";
}

/** 409 COMMITMENT_MISMATCH: Poseidon(input, salt) is not the job's on-chain inputCommitment. */
export class WorkerCommitmentMismatchError extends WorkerRequestError {
  override name = "WorkerCommitmentMismatchError";
}

/**
 * 409 otherwise: the job is not open, expired, or reserved for another agent (JOB_ASSIGNED_ELSEWHERE: until its exclusive
 * window has passed, which the message names; after it any worker takes the job).
 */
export class WorkerJobConflictError extends WorkerRequestError {
  override name = "WorkerJobConflictError";
}

/** 401: the signature on a job read is not the job's requester's (REQUESTER_SIGNATURE_INVALID). */
export class WorkerUnauthorizedError extends WorkerRequestError {
  override name = "WorkerUnauthorizedError";
}

/** 413: the body is larger than the worker accepts. */
export class WorkerPayloadTooLargeError extends WorkerRequestError {
  override name = "WorkerPayloadTooLargeError";
}

/** 429 QUEUE_FULL or 503 (draining, chain unavailable): try again after `retryAfterSeconds`. */
export class WorkerBusyError extends WorkerRequestError {
  override name = "WorkerBusyError";
  readonly retryAfterSeconds: number | undefined;
  constructor(parameters: { url: string; status: number; code: string; message: string; retryAfterSeconds?: number }) {
    super(parameters);
    this.retryAfterSeconds = parameters.retryAfterSeconds;
  }
}

/** No HTTP answer from the worker (refused, timed out) or an answer that is not the worker's JSON. */
export class WorkerUnreachableError extends BaseError {
  override name = "WorkerUnreachableError";
  constructor({ url, reason, cause }: { url: string; reason: string; cause?: unknown }) {
    super(`No usable answer from the worker at ${url}: ${reason}.`, {
      metaMessages: [
        "Start it with `pnpm worker`, or pass the URL it listens on (--worker-url, default http://127.0.0.1:8080).",
      ],
      cause,
    });
  }
}

/** The worker's answer is larger than the cap: it was cut off and nothing in it was used. */
export class WorkerAnswerTooLargeError extends BaseError {
  override name = "WorkerAnswerTooLargeError";
  readonly url: string;
  readonly maxBytes: number;
  constructor({ url, maxBytes }: { url: string; maxBytes: number }) {
    super(`The worker's answer from ${url} is larger than ${maxBytes} bytes: it was cut off and not used.`, {
      metaMessages: [
        "A Convergence worker's answers are a few kilobytes. Choose another worker, or point --worker-url at a Convergence worker.",
      ],
    });
    this.url = url;
    this.maxBytes = maxBytes;
  }
}

/** The worker answered 2xx with a body that is not its API's (a wrong type, a missing field, a non-decimal id). */
export class WorkerInvalidAnswerError extends BaseError {
  override name = "WorkerInvalidAnswerError";
  readonly field: string;
  constructor({ url, field, expected }: { url: string; field: string; expected: string }) {
    super(`The worker's answer from ${url} is not its API: ${field} is not ${expected}.`, {
      metaMessages: [
        "Nothing was trusted from this answer. Point CONVERGENCE_WORKER_URL (or --worker-url) at a Convergence worker.",
      ],
    });
    this.field = field;
  }
}

/**
 * The worker's signature over the requester's challenge (`workerIdentityMessage`) is not by the wallet of the agent it
 * advertises: it named an agent it is not, so a job reserved for that agent would never be fulfilled by this worker.
 */
export class WorkerIdentityMismatchError extends BaseError {
  override name = "WorkerIdentityMismatchError";
  readonly agentId: bigint;
  readonly wallet: Address | undefined;
  readonly signer: Address;
  constructor({
    workerUrl,
    agentId,
    wallet,
    signer,
  }: {
    workerUrl: string;
    agentId: bigint;
    wallet: Address | undefined;
    signer: Address;
  }) {
    super(
      `The worker at ${workerUrl} advertises agent ${agentId}, whose wallet is ${wallet ?? "unset"}, but its identity signature is by ${signer}.`,
      {
        metaMessages: [
          "Nothing was paid. The worker is not the agent it names: a job reserved for that agent would lock your payment until its deadline.",
          "Use another worker, or pass the agent id of the worker you chose (--worker-agent).",
        ],
      },
    );
    this.agentId = agentId;
    this.wallet = wallet;
    this.signer = signer;
  }
}
