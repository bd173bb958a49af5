import { formatUnits } from "viem";
import type { JobError, JobTerms } from "../store/types.ts";

/** The lowest price, in USDC base units, of a job this worker proves: per model name, else `default`. */
export type PriceFloor = { default: bigint; byModel: Record<string, bigint> };

export type CheckJobTermsParameters = {
  job: Pick<JobTerms, "jobId" | "amount" | "deadline">;
  /** The served model the job is for. */
  model: string;
  minPrice: PriceFloor;
  /** The chain's time (ChainGateway.readJob's chainTime), unix seconds. */
  chainTime: bigint;
  /** Seconds proving and fulfilling take here (measured), plus the configured margin. */
  requiredSeconds: number;
};

/** Why a job is skipped without proving: `BELOW_PRICE_FLOOR` or `DEADLINE_TOO_SOON`, with the figures. */
export type CheckJobTermsReturnType = (JobError & { code: "BELOW_PRICE_FLOOR" | "DEADLINE_TOO_SOON" }) | undefined;

/**
 * Whether a job is worth proving: it pays at least the model's price floor (else proving and fulfil gas would cost
 * more than it pays), and its deadline leaves the time a proof and a fulfil take here (else the proof would be made
 * for a job refunded before it lands). Answers the reason to skip it, or undefined. The price and deadline are the
 * job's on-chain terms, so a skipped job never becomes worth proving later.
 *
 * @example
 * const refused = checkJobTerms({ job, model: "risk-v1", minPrice, chainTime, requiredSeconds: 35 });
 * if (refused) throw new JobFailedError(refused);
 */
export function checkJobTerms({
  job,
  model,
  minPrice,
  chainTime,
  requiredSeconds,
}: CheckJobTermsParameters): CheckJobTermsReturnType {
  const floor = minPrice.byModel[model] ?? minPrice.default;
  if (job.amount < floor) {
    return {
      code: "BELOW_PRICE_FLOOR",
      message: `Job ${job.jobId} pays ${formatUnits(job.amount, 6)} USDC; this worker proves ${model} for at least ${formatUnits(floor, 6)} USDC (its price floor covers proving and fulfil gas). Open a job that pays at least that.`,
    };
  }
  const left = job.deadline - chainTime;
  if (left < BigInt(Math.ceil(requiredSeconds))) {
    return {
      code: "DEADLINE_TOO_SOON",
      message: `Job ${job.jobId} has ${left} s left before its deadline; proving and fulfilling here takes about ${Math.ceil(requiredSeconds)} s with the margin. Open a job with a later deadline.`,
    };
  }
  return undefined;
}
