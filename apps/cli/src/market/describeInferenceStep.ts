import type { RequestInferenceStep } from "@convergence/sdk";
import { formatUnits } from "viem";
import { stripControlCharacters } from "./stripControlCharacters.ts";

export type DescribeInferenceStepParameters = {
  step: RequestInferenceStep;
  /** The model's name, e.g. "risk-v1" (lines name the model id only when absent). */
  model?: string;
};

/**
 * The progress line of one step of a verified inference (SDK requestInference), named worker or market, as `job open`,
 * `agent run` and the demo print it (amounts in USDC, the escrow's token): what is being done, for which job and which worker, and until when a worker's window runs.
 *
 * @example
 * onStep: (step, run) => runStep({ title: describeInferenceStep({ step, model: "risk-v1" }), run })
 */
export function describeInferenceStep({ step, model }: DescribeInferenceStepParameters): string {
  switch (step.name) {
    case "choose":
      return `Choosing a worker${model ? ` for ${model}` : ""} by the rule${step.exclude.length ? ` (already tried: agents ${step.exclude.join(", ")})` : ""}`;
    case "open":
      return `Opening a ${formatUnits(step.amount, 6)} USDC job for ${model ? `${model} (model ${step.modelId})` : `model ${step.modelId}`}, reserved for agent ${step.workerAgentId}${step.exclusiveUntil === step.deadline ? "" : ` until ${clock(step.exclusiveUntil)} (deadline ${clock(step.deadline)})`}`;
    case "deliver":
      return `Delivering the input of job ${step.jobId} to agent ${step.workerAgentId} at ${stripControlCharacters({ text: step.workerUrl })}`;
    case "attest":
      return step.until === undefined
        ? `Waiting for the proof of job ${step.jobId} to settle on-chain`
        : `Waiting for the proof of job ${step.jobId} until ${clock(step.until)} chain time`;
    case "failover":
      return `Failing over job ${step.jobId}: agent ${step.from} ${step.outcome === "noShow" ? "did not prove it within its window" : step.outcome === "inWindow" ? "could not take the input in the job's state (no feedback)" : "refused or failed the input hand-over"}; choosing the next worker`;
    case "feedback":
      return `Feedback on job ${step.jobId} for agent ${step.workerAgentId}: successRate ${step.value}${step.tag2 ? `, ${step.tag2}` : ""}`;
    case "refund":
      return `Refunding job ${step.jobId}: nobody proved it by its deadline`;
  }
}

/** Unix seconds as an HH:MM:SS UTC time. */
function clock(seconds: bigint): string {
  return `${new Date(Number(seconds) * 1000).toISOString().slice(11, 19)} UTC`;
}
