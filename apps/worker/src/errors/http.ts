import { REQUESTER_SIGNATURE_HEADER } from "@convergence/sdk";
import { BaseError, type BaseErrorParameters } from "./base.ts";

/**
 * An error the HTTP API answers with: `status` and a stable `code` for clients, the message for people. The body is
 * always `{ "error": { "code": ..., "message": ... } }`.
 */
export class HttpError extends BaseError {
  override name = "HttpError";
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, shortMessage: string, parameters: BaseErrorParameters = {}) {
    super(shortMessage, parameters);
    this.status = status;
    this.code = code;
  }
}

export class InvalidJsonError extends HttpError {
  override name = "InvalidJsonError";
  constructor({ cause }: { cause?: unknown } = {}) {
    super(400, "INVALID_JSON", "The request body is not valid JSON.", { cause });
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  override name = "UnsupportedMediaTypeError";
  constructor({ received }: { received: string | undefined }) {
    super(415, "UNSUPPORTED_MEDIA_TYPE", `Expected Content-Type: application/json, received ${received ?? "none"}.`);
  }
}

export class PayloadTooLargeError extends HttpError {
  override name = "PayloadTooLargeError";
  constructor({ limit }: { limit: number }) {
    super(413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${limit} bytes.`);
  }
}

/** A body, path parameter or query that does not fit its schema; `issues` lists every problem. */
export class InvalidRequestError extends HttpError {
  override name = "InvalidRequestError";
  readonly issues: string[];
  constructor({ issues }: { issues: string[] }) {
    super(400, "INVALID_REQUEST", `Invalid request: ${issues.join("; ")}.`);
    this.issues = issues;
  }
}

/** An input that parses but does not fit the model (width, range). */
export class InvalidInputError extends HttpError {
  override name = "InvalidInputError";
  constructor({ problem }: { problem: string }) {
    super(400, "INVALID_INPUT", `Invalid input: ${problem}.`);
  }
}

export class RouteNotFoundError extends HttpError {
  override name = "RouteNotFoundError";
  constructor({ method, path }: { method: string; path: string }) {
    super(
      404,
      "NOT_FOUND",
      `No route ${method} ${path}. Routes: GET /healthz, GET /.well-known/agent-registration.json, GET /v1/models, POST /v1/inference, POST /v1/jobs/:jobId/input, GET /v1/jobs/:jobId, GET /metrics.`,
    );
  }
}

export class ModelNotServedError extends HttpError {
  override name = "ModelNotServedError";
  constructor({ model, served }: { model: string; served: string[] }) {
    super(404, "MODEL_NOT_FOUND", `This worker does not serve model "${model}"; it serves ${served.join(", ")}.`);
  }
}

export class JobNotFoundError extends HttpError {
  override name = "JobNotFoundError";
  constructor({ jobId }: { jobId: bigint }) {
    super(404, "JOB_NOT_FOUND", `No job ${jobId} in the escrow this worker watches.`, {
      metaMessages: ["Open the job on-chain first (InferenceEscrow.openJob), then deliver its input."],
    });
  }
}

/** Poseidon(input, salt) is not the inputCommitment the requester put on-chain. */
export class CommitmentMismatchError extends HttpError {
  override name = "CommitmentMismatchError";
  constructor({ jobId, expected, received }: { jobId: bigint; expected: bigint; received: bigint }) {
    super(
      409,
      "COMMITMENT_MISMATCH",
      `The input and salt do not match job ${jobId}'s on-chain inputCommitment: expected ${expected}, they commit to ${received}.`,
    );
  }
}

/** The job already has its input (a different one), or is no longer open. */
export class JobConflictError extends HttpError {
  override name = "JobConflictError";
  constructor({ code, message }: { code: string; message: string }) {
    super(409, code, message);
  }
}

export class QueueFullError extends HttpError {
  override name = "QueueFullError";
  readonly retryAfterSeconds: number;
  constructor({ retryAfterSeconds, limit }: { retryAfterSeconds: number; limit: number }) {
    super(
      429,
      "QUEUE_FULL",
      `The proving queue is full (${limit} jobs waiting); try again in ${retryAfterSeconds} s (Retry-After).`,
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class DrainingError extends HttpError {
  override name = "DrainingError";
  constructor() {
    super(
      503,
      "DRAINING",
      "The worker is shutting down and takes no new jobs; deliver the input again once it is back.",
    );
  }
}

/** The chain could not be read to check a request. */
export class ChainUnavailableError extends HttpError {
  override name = "ChainUnavailableError";
  constructor({ cause }: { cause: unknown }) {
    super(503, "CHAIN_UNAVAILABLE", "The worker could not read the chain to check this request; try again shortly.", {
      details:
        cause instanceof Error ? ((cause as { shortMessage?: string }).shortMessage ?? cause.message) : String(cause),
      cause,
    });
  }
}

/**
 * A job skipped without proving: it pays less than the model's price floor (402 BELOW_PRICE_FLOOR) or its deadline
 * leaves too little time to prove and fulfil (409 DEADLINE_TOO_SOON). The message names the figures.
 */
export class JobTermsRefusedError extends HttpError {
  override name = "JobTermsRefusedError";
  constructor({ code, message }: { code: "BELOW_PRICE_FLOOR" | "DEADLINE_TOO_SOON"; message: string }) {
    super(code === "BELOW_PRICE_FLOOR" ? 402 : 409, code, message);
  }
}

/** The signature on a job read is not an EIP-191 signature of `workerJobReadMessage` by the job's requester. */
export class RequesterSignatureError extends HttpError {
  override name = "RequesterSignatureError";
  constructor({ jobId, requester, message }: { jobId: bigint; requester: string; message: string }) {
    super(
      401,
      "REQUESTER_SIGNATURE_INVALID",
      `The ${REQUESTER_SIGNATURE_HEADER} header is not job ${jobId}'s requester ${requester} signing "${message}". Sign that message with the requester's key (getWorkerJob({ requester }) in @convergence/sdk does), or leave the header out to read the job without its output and proof.`,
    );
  }
}
