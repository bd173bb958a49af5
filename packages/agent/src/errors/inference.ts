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
