import { ACTIVATION_BITS } from "@convergence/zk";
import { BaseError } from "./base.ts";

export class ScaleOverflowError extends BaseError {
  override name = "ScaleOverflowError";
  constructor({ scale, what, value, maxScale }: { scale: number; what: string; value: number; maxScale: number }) {
    super(
      `Scale ${scale} overflows: ${what} = ${value} times 2^${scale} lies outside the signed 16-bit range [-32768, 32767].`,
      {
        metaMessages: [
          maxScale >= 1
            ? `Use a scale of at most ${maxScale} for this model, or leave the scale out to choose it automatically.`
            : "No scale from 1 fits: the weights are too large for 16-bit fixed point; retrain with weight decay or clip the weights.",
        ],
      },
    );
  }
}

export class ModelTooLargeError extends BaseError {
  override name = "ModelTooLargeError";
  constructor({ what, value }: { what: string; value: number }) {
    super(`${what} = ${value} is too large for 16-bit fixed point at every scale from 1 to 14.`, {
      metaMessages: [
        "Every weight and bias must satisfy |v| * 2 < 32768. Retrain with weight decay or clip the weights.",
      ],
    });
  }
}

export class InvalidSamplesError extends BaseError {
  override name = "InvalidSamplesError";
  constructor({ problem }: { problem: string }) {
    super(`Invalid samples: ${problem}.`, {
      metaMessages: ["Pass at least one input vector whose length equals the model's input width."],
    });
  }
}

export class ActivationBoundError extends BaseError {
  override name = "ActivationBoundError";
  constructor({ widths, scale }: { widths: readonly number[]; scale: number }) {
    super(
      `No nonzero weights keep every activation of a ${widths.join("-")} MLP at scale ${scale} within the signed ${ACTIVATION_BITS}-bit activation range for all 16-bit inputs.`,
      { metaMessages: ["Use a larger scale, or fewer or narrower layers."] },
    );
  }
}
