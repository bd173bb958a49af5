import type { Hash } from "viem";
import { BaseError } from "./base.ts";

/**
 * No discovered worker can take the job: none serves the pinned model, or each is too expensive, below the reputation
 * floor, already tried, or failed its identity check. Names each worker and why.
 */
export class NoWorkerAvailableError extends BaseError {
  override name = "NoWorkerAvailableError";
  readonly model: string;
  readonly found: number;
  readonly reasons: readonly { agentId: bigint; url?: string; reason: string }[];
  constructor({
    model,
    found,
    reasons,
  }: {
    model: string;
    found: number;
    reasons: readonly { agentId: bigint; url?: string; reason: string }[];
  }) {
    super(
      found === 0
        ? `No worker serves model ${model} as pinned (same weight commitment and verification key).`
        : `None of the ${found} workers found for model ${model} can take the job.`,
      {
        metaMessages: [
          ...reasons.map(({ agentId, url, reason }) => `- agent ${agentId}${url ? ` (${url})` : ""}: ${reason}`),
          "Pay more (a worker proves only a job paying at least its price), lower the reputation floor, trust other clients' feedback, start a worker (`pnpm worker`), or name one with --worker-url.",
        ],
      },
    );
    this.model = model;
    this.found = found;
    this.reasons = reasons;
  }
}

/** No tried worker proved the job before its deadline: the payment was refunded, and feedback given to each. */
export class MarketJobRefundedError extends BaseError {
  override name = "MarketJobRefundedError";
  readonly jobId: bigint;
  readonly refundHash: Hash;
  readonly attempts: readonly { agentId: bigint; url: string; outcome: string }[];
  constructor({
    jobId,
    refundHash,
    attempts,
  }: {
    jobId: bigint;
    refundHash: Hash;
    attempts: readonly { agentId: bigint; url: string; outcome: string; reason?: string }[];
  }) {
    super(`Job ${jobId} was not proven by its deadline: the payment was refunded (${refundHash}).`, {
      metaMessages: [
        ...attempts.map(
          ({ agentId, url, outcome, reason }) =>
            `- agent ${agentId} (${url}): ${outcome}${reason ? `: ${reason}` : ""}`,
        ),
        "Try again later, with a longer deadline (deadlineSeconds) or window (exclusiveSeconds), or other workers.",
      ],
    });
    this.jobId = jobId;
    this.refundHash = refundHash;
    this.attempts = attempts;
  }
}

/** The deployment's registry addresses do not agree with what the escrow and the ReputationRegistry were built with. */
export class MarketContractsMismatchError extends BaseError {
  override name = "MarketContractsMismatchError";
  readonly contract: string;
  readonly expected: string;
  readonly actual: string;
  constructor({
    contract,
    expected,
    actual,
    source,
    cause,
  }: { contract: string; expected: string; actual: string; source: string; cause?: unknown }) {
    super(
      cause === undefined
        ? `The market's ${contract} is ${actual}, but ${source} names ${expected}: workers, reputation and jobs would be read from different registries.`
        : `The market's ${contract} cannot be read: ${source} failed, so it is not the contract the deployment names.`,
      {
        cause,
        metaMessages: [
          "Use the deployment's own contracts (deployment.contracts from the same deployments/<network>.json); a mixed or tampered address list is refused before anything is read or paid.",
        ],
      },
    );
    this.contract = contract;
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * The job was opened (and paid) and then the request failed: the error is `cause`. The job stays in the escrow: a
 * worker that was handed the input may still prove it until its deadline; after it, the requester refunds it.
 */
export class MarketJobFailedError extends BaseError {
  override name = "MarketJobFailedError";
  readonly jobId: bigint;
  /** Unix seconds: the job can be refunded once a block later than this exists. */
  readonly deadline: bigint;
  constructor({ jobId, deadline, cause }: { jobId: bigint; deadline: bigint; cause: unknown }) {
    const reason =
      cause instanceof Error ? ((cause as { shortMessage?: string }).shortMessage ?? cause.message) : String(cause);
    super(`Job ${jobId} was opened and paid, then the request failed: ${reason}`, {
      cause,
      metaMessages: [
        `The job stays open: a worker handed the input may still prove it until its deadline ${deadline} (${new Date(Number(deadline) * 1000).toISOString()}).`,
        `After the deadline, refund it (the SDK's refundJob with jobId ${jobId}); check it first with getJob.`,
      ],
    });
    this.jobId = jobId;
    this.deadline = deadline;
  }
}
