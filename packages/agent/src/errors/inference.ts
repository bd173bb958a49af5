import { BaseError } from "./base.ts";

/** request_verified_inference was asked about a market it cannot read from the chain. */
export class UnsupportedSubjectError extends BaseError {
  override name = "UnsupportedSubjectError";
  constructor({ subject, supported }: { subject: string; supported: readonly string[] }) {
    super(`Cannot score "${subject}": only ${supported.join(", ")} can be read from the chain.`, {
      details: "risk-v1's features are computed from the local WETH/USDC pool's reserves, swaps and LP holders.",
      metaMessages: [`Ask again with subject ${supported.map((s) => `"${s}"`).join(" or ")}.`],
    });
  }
}

/** The deployment or the worker lacks a piece the verified inference needs. */
export class InferenceUnavailableError extends BaseError {
  override name = "InferenceUnavailableError";
  constructor({ problem, fix }: { problem: string; fix: string }) {
    super(`Verified inference is not available: ${problem}`, { metaMessages: [fix] });
  }
}

/** The attested outputs do not have the shape of a risk model's logits. */
export class InvalidRiskOutputError extends BaseError {
  override name = "InvalidRiskOutputError";
  constructor({ logits, labels }: { logits: readonly number[]; labels: readonly string[] }) {
    super(
      `The attestation carries ${logits.length} outputs, but the model has ${labels.length} labels (${labels.join(", ")}).`,
      { metaMessages: ["Check that the model id and its manifest belong together."] },
    );
  }
}

/**
 * A quick inference's payment was refused before anything was signed: the worker asked more than the quote or the
 * ceiling, another recipient than the quoted one, or another asset or network than this chain's USDC. Nothing moved.
 */
export class QuickPaymentRefusedError extends BaseError {
  override name = "QuickPaymentRefusedError";
  constructor({ workerUrl, problem, cause }: { workerUrl: string; problem: string; cause?: unknown }) {
    super(`Did not pay the worker at ${workerUrl}: ${problem} Nothing was signed.`, {
      metaMessages: [
        "The worker's answer changed between its quote and the payment; ask again, and use another worker if it keeps changing.",
      ],
      cause,
    });
  }
}

/** The deployment or the workers lack a piece a quick (x402) inference needs. */
export class QuickInferenceUnavailableError extends BaseError {
  override name = "QuickInferenceUnavailableError";
  constructor({ problem, fix }: { problem: string; fix: string }) {
    super(`Quick inference is not available: ${problem}`, { metaMessages: [fix] });
  }
}

/** A paid quick inference's answer does not have the model's output shape: the worker was paid and answered badly. */
export class InvalidQuickAnswerError extends BaseError {
  override name = "InvalidQuickAnswerError";
  constructor({ workerUrl, problem }: { workerUrl: string; problem: string }) {
    super(`The worker at ${workerUrl} was paid but its answer is unusable: ${problem}`, {
      metaMessages: [
        "The payment counts against your caps (it settled). Do not use this worker again; ask for a verified answer (request_verified_inference) to pay only for a proven one.",
      ],
    });
  }
}
