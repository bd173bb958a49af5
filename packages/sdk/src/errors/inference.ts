import { BaseError } from "./base.ts";

/** The escrow has no job with this id. */
export class JobNotFoundError extends BaseError {
  override name = "JobNotFoundError";
  readonly jobId: bigint;
  constructor({ jobId, escrow, cause }: { jobId: bigint; escrow: string; cause?: unknown }) {
    super(`InferenceEscrow ${escrow} has no job ${jobId}.`, {
      metaMessages: ["Job ids start at 1 and are returned by openJob; check the escrow address of the deployment."],
      cause,
    });
    this.jobId = jobId;
  }
}

/** The attestor has no attestation for this job (yet). */
export class AttestationNotFoundError extends BaseError {
  override name = "AttestationNotFoundError";
  readonly jobId: bigint;
  constructor({ jobId, attestor, cause }: { jobId: bigint; attestor: string; cause?: unknown }) {
    super(`InferenceAttestor ${attestor} has no attestation for job ${jobId}.`, {
      metaMessages: ["A job is attested when a worker fulfils it; use waitForAttestation to wait for that."],
      cause,
    });
    this.jobId = jobId;
  }
}

/** The model registry has no model with this id. */
export class ModelNotFoundError extends BaseError {
  override name = "ModelNotFoundError";
  readonly modelId: bigint;
  constructor({ modelId, registry, cause }: { modelId: bigint; registry: string; cause?: unknown }) {
    super(`ModelRegistry ${registry} has no model ${modelId}.`, {
      metaMessages: ["Model ids start at 1 and are returned by registerModel."],
      cause,
    });
    this.modelId = modelId;
  }
}

/** No usable registration of these weights under this verification key, and registering was not allowed. */
export class ModelNotRegisteredError extends BaseError {
  override name = "ModelNotRegisteredError";
  readonly commitment: bigint;
  constructor({ commitment, vkeyHash, registry }: { commitment: bigint; vkeyHash: string; registry: string }) {
    super(
      `ModelRegistry ${registry} has no active registration of commitment ${commitment} under verification key ${vkeyHash} with this key's verifier.`,
      { metaMessages: ["Register it (ensureModelRegistration with register: true, or convergence model add)."] },
    );
    this.commitment = commitment;
  }
}

/** No attestation arrived in time. */
export class AttestationTimeoutError extends BaseError {
  override name = "AttestationTimeoutError";
  readonly jobId: bigint;
  constructor({ jobId, timeoutMs }: { jobId: bigint; timeoutMs: number }) {
    super(`No attestation for job ${jobId} within ${timeoutMs} ms.`, {
      metaMessages: [
        "The job is still open: is a worker running and did it receive the input (deliverJobInput)?",
        "Wait longer, or refund the job with refundJob once its deadline has passed.",
      ],
    });
    this.jobId = jobId;
  }
}

/** The job ended without an attestation: it was refunded, or its deadline passed with no proof. */
export class JobNotAttestableError extends BaseError {
  override name = "JobNotAttestableError";
  readonly jobId: bigint;
  readonly reason: "refunded" | "expired";
  constructor({ jobId, reason, deadline }: { jobId: bigint; reason: "refunded" | "expired"; deadline: bigint }) {
    super(
      reason === "refunded"
        ? `Job ${jobId} was refunded: it will never be attested.`
        : `Job ${jobId} passed its deadline (${deadline}) without a proof: it can no longer be fulfilled.`,
      {
        metaMessages:
          reason === "refunded"
            ? ["Open a new job to try again."]
            : ["Refund it with refundJob to get the payment back, and open a new job with a later deadline."],
      },
    );
    this.jobId = jobId;
    this.reason = reason;
  }
}

/** The model id names a registration of other weights than the ones the requester trusts. */
export class ModelCommitmentMismatchError extends BaseError {
  override name = "ModelCommitmentMismatchError";
  constructor({ modelId, expected, registered }: { modelId: bigint; expected: bigint; registered: bigint }) {
    super(
      `Model ${modelId} is registered with weight commitment ${registered}, not the trusted ${expected}: nothing was paid.`,
      {
        metaMessages: [
          "Whoever named this model id (a worker's GET /v1/models) serves other weights. Use a worker that serves the model you pinned.",
        ],
      },
    );
  }
}

/** An ERC-8004 validation answered by someone other than this deployment's InferenceAttestor: it does not count. */
export class ValidationNotByAttestorError extends BaseError {
  override name = "ValidationNotByAttestorError";
  readonly requestHash: string;
  readonly validator: string;
  constructor({ requestHash, validator, attestor }: { requestHash: string; validator: string; attestor: string }) {
    super(
      `Validation ${requestHash} names validator ${validator}, not this deployment's InferenceAttestor ${attestor}: it is not validated by this deployment's attestor and does not count.`,
      {
        metaMessages: [
          "Anyone can file a request under any hash and answer it (a self-validation, a squatted request); only the attestor answers after a proof verifies.",
          "Read the hash from this deployment's attestation (getAttestation(...).validationRequestHash), not from a worker or a log.",
        ],
      },
    );
    this.requestHash = requestHash;
    this.validator = validator;
  }
}
