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

/** The registration is retired: the escrow refuses to open a job naming it. */
export class ModelRetiredError extends BaseError {
  override name = "ModelRetiredError";
  readonly modelId: bigint;
  constructor({ modelId, registry }: { modelId: bigint; registry: string }) {
    super(`Model ${modelId} of ModelRegistry ${registry} is retired: no job can be opened for it, nothing was paid.`, {
      metaMessages: [
        "Whoever named this model id (a worker's registration) points at a retired copy. Pick an active registration of the same model (findModelRegistration, or a worker that lists one).",
      ],
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

/** The registration's verification key is not the one the requester pinned (or cannot be this model's key). */
export class ModelKeyMismatchError extends BaseError {
  override name = "ModelKeyMismatchError";
  readonly modelId: bigint;
  constructor(
    parameters: { modelId: bigint } & (
      | { expected: string; registered: string }
      | { nPublic: number; numOutputs: number }
    ),
  ) {
    const { modelId } = parameters;
    super(
      "registered" in parameters
        ? `Model ${modelId} is registered with verification key hash ${parameters.registered}, not the pinned key's ${parameters.expected}: nothing was paid.`
        : `The pinned verification key has ${parameters.nPublic} public signals, but model ${modelId} has ${parameters.numOutputs} outputs (a key for it has ${3 + parameters.numOutputs}: model, input, binding, outputs): nothing was paid.`,
      {
        metaMessages: [
          "registered" in parameters
            ? "Proofs for this registration verify against another key than the one you trust. Use a worker that serves the registration of the key you pinned (its release or your own setup)."
            : "Pin the key of this model's release or of your own setup of it.",
        ],
      },
    );
    this.modelId = modelId;
  }
}

/** The registered verifier's code is not the verifier of the pinned key: it may accept proofs the key would refuse. */
export class VerifierCodeMismatchError extends BaseError {
  override name = "VerifierCodeMismatchError";
  readonly modelId: bigint;
  readonly verifier: string;
  constructor({ modelId, verifier }: { modelId: bigint; verifier: string }) {
    super(
      `Model ${modelId}'s verifier ${verifier} does not run the Groth16 verifier of the pinned key (its code, metadata aside, differs from the one compiled from the key): nothing was paid.`,
      {
        metaMessages: [
          "Anyone can register a commitment and a key hash with any verifier, e.g. one that accepts every proof.",
          "Use a worker that serves a registration whose verifier was deployed from the key (convergence model add, setupRegistration).",
        ],
      },
    );
    this.modelId = modelId;
    this.verifier = verifier;
  }
}

/** The pinned key had no phase-2 contribution: its delta is still gamma, so anyone can forge its proofs. */
export class KeyWithoutContributionError extends BaseError {
  override name = "KeyWithoutContributionError";
  readonly modelId: bigint;
  constructor({ modelId }: { modelId: bigint }) {
    super(
      `The key pinned for model ${modelId} never had a phase-2 contribution (its delta equals gamma): anyone can forge a proof of any output under it, so nothing was paid.`,
      {
        metaMessages: [
          "This is refused whatever trustSetup says. Pin a key made by a phase 2 (convergence zk setup, or a published release).",
        ],
      },
    );
    this.modelId = modelId;
  }
}

/**
 * The pinned key names no contributor of its phase 2 that counts: nobody vouches that its setup secret was destroyed.
 * Off the local devnet, the public Hardhat devnet accounts do not count (anyone holds their keys).
 */
export class UnattributedSetupError extends BaseError {
  override name = "UnattributedSetupError";
  readonly modelId: bigint;
  readonly ignored: readonly string[];
  constructor({ modelId, ignored = [] }: { modelId: bigint; ignored?: readonly string[] }) {
    super(
      ignored.length === 0
        ? `The key pinned for model ${modelId} has no attributed phase-2 contribution (no signed contributor): nothing was paid.`
        : `The key pinned for model ${modelId} has no attributed phase-2 contribution but from public Hardhat devnet accounts (${ignored.join(", ")}), whose keys anyone holds off the local devnet: nothing was paid.`,
      {
        metaMessages: [
          "Whoever ran its setup unattributed may know its secret and forge proofs. Pin a release whose contributors signed (modelPinFromSetup lists them), or contribute yourself (convergence zk contribute).",
          'Only if you trust whoever ran that setup: pass trustSetup: "any" (convergence job open --trust-any-setup).',
        ],
      },
    );
    this.modelId = modelId;
    this.ignored = ignored;
  }
}

/** Every contributor of the pinned key's setup is the worker the job is reserved for: it could forge its proofs. */
export class SetupControlledByWorkerError extends BaseError {
  override name = "SetupControlledByWorkerError";
  readonly modelId: bigint;
  readonly worker: string;
  constructor({ modelId, worker }: { modelId: bigint; worker: string }) {
    super(
      `Every phase-2 contributor of the key pinned for model ${modelId} is ${worker}, the wallet of the worker the job would be reserved for: nothing was paid.`,
      {
        metaMessages: [
          "A prover that ran the whole setup can know its secret and forge any output.",
          "Pin a key with a contribution from someone else (the model's publisher, or your own: convergence zk contribute), or choose another worker.",
        ],
      },
    );
    this.modelId = modelId;
    this.worker = worker;
  }
}
