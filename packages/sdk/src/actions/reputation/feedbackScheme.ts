import { type Address, encodeAbiParameters, type Hex, keccak256 } from "viem";
import { InvalidParameterError } from "../../errors/input.ts";

/**
 * Convergence's feedback scheme on the ERC-8004 ReputationRegistry: one feedback per job and worker, given by the
 * requester. The one owner of the tags, values and job hash; the requester's market flow writes with it and the
 * market's reputation reads parse with it.
 *
 * - `tag1 = "successRate"`, `valueDecimals = 0`, `value = 100` when the worker's proof settled the job, `0` when not;
 * - `tag2`: on success `latencyMs:<n>` (open-to-attested milliseconds); on failure the reason (`noShow`: its
 *   exclusive window passed without a proof; `badDelivery`: it refused or failed the input hand-over);
 * - `feedbackHash = keccak256(abi.encode(chainId, escrow, jobId))`: the job the feedback is about.
 */

/** tag1 of every job feedback: the summary a requester reads is the average of 100s and 0s, a percentage. */
export const FEEDBACK_TAG_SUCCESS_RATE = "successRate";
/** Prefix of tag2 on a success; the rest is the open-to-attested latency in whole milliseconds. */
export const FEEDBACK_LATENCY_PREFIX = "latencyMs:";
/** The value of a success (with 0 decimals: 100 percent). */
export const FEEDBACK_SUCCESS_VALUE = 100n;
/** The value of a failure. */
export const FEEDBACK_FAILURE_VALUE = 0n;
/** Every job feedback has 0 decimals. */
export const FEEDBACK_VALUE_DECIMALS = 0;
/**
 * Why a worker failed a job: `noShow`, its window passed without a proof; `badDelivery`, it refused or failed the
 * input hand-over after the job was opened for it.
 */
export const FEEDBACK_FAILURE_REASONS = ["noShow", "badDelivery"] as const;
export type FeedbackFailureReason = (typeof FEEDBACK_FAILURE_REASONS)[number];

/** The scored part of a feedback, as `giveFeedback` takes it. */
export type JobFeedback = { value: bigint; valueDecimals: number; tag1: string; tag2: string };

/**
 * The feedback for a worker whose proof settled the job, `latencyMs` after it was opened.
 *
 * @example
 * await giveFeedback({ client, registry, agentId, ...successFeedback({ latencyMs: 8421 }), endpoint, feedbackHash });
 */
export function successFeedback({ latencyMs }: { latencyMs: number }): JobFeedback {
  if (!Number.isSafeInteger(latencyMs) || latencyMs < 0) {
    throw new InvalidParameterError({
      parameter: "latencyMs",
      value: latencyMs,
      expected: "a whole number of milliseconds, 0 or more (Math.round the measured latency)",
    });
  }
  return {
    value: FEEDBACK_SUCCESS_VALUE,
    valueDecimals: FEEDBACK_VALUE_DECIMALS,
    tag1: FEEDBACK_TAG_SUCCESS_RATE,
    tag2: `${FEEDBACK_LATENCY_PREFIX}${latencyMs}`,
  };
}

/**
 * The feedback for a worker that failed the job, and why.
 *
 * @example
 * await giveFeedback({ client, registry, agentId, ...failureFeedback({ reason: "noShow" }), endpoint, feedbackHash });
 */
export function failureFeedback({ reason }: { reason: FeedbackFailureReason }): JobFeedback {
  if (!FEEDBACK_FAILURE_REASONS.includes(reason)) {
    throw new InvalidParameterError({
      parameter: "reason",
      value: reason,
      expected: `one of ${FEEDBACK_FAILURE_REASONS.join(", ")}`,
    });
  }
  return {
    value: FEEDBACK_FAILURE_VALUE,
    valueDecimals: FEEDBACK_VALUE_DECIMALS,
    tag1: FEEDBACK_TAG_SUCCESS_RATE,
    tag2: reason,
  };
}

/**
 * The feedbackHash of a job feedback: keccak256(abi.encode(chainId, escrow, jobId)), naming the job it is about.
 *
 * @example
 * const feedbackHash = feedbackJobHash({ chainId: 31337, escrow: deployment.contracts.InferenceEscrow, jobId });
 */
export function feedbackJobHash({ chainId, escrow, jobId }: { chainId: number; escrow: Address; jobId: bigint }): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "uint256" }, { type: "address" }, { type: "uint256" }],
      [BigInt(chainId), escrow, jobId],
    ),
  );
}

/**
 * The latency a success's tag2 carries (`latencyMs:8421` -> 8421), or undefined for any other tag (a failure
 * reason, or a tag that is not the scheme's: anyone can write feedback).
 *
 * @example
 * parseLatencyTag("latencyMs:8421"); // 8421
 */
export function parseLatencyTag(tag2: string): number | undefined {
  const match = /^latencyMs:(\d{1,15})$/.exec(tag2);
  return match ? Number(match[1]) : undefined;
}
