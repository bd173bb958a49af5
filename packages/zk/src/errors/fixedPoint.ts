import { BaseError } from "./base.ts";

export class ValueOutOfRangeError extends BaseError {
  override name = "ValueOutOfRangeError";
  constructor({ what, value, min, max }: { what: string; value: bigint | number; min: bigint; max: bigint }) {
    super(`${what} is ${value}, outside the fixed-point range [${min}, ${max}].`, {
      metaMessages: [
        "Inputs, weights and biases are signed 16-bit integers after scaling by 2^S.",
        "Lower the scale S, or clip or standardize the value before quantizing.",
      ],
    });
  }
}

export class ShapeMismatchError extends BaseError {
  override name = "ShapeMismatchError";
  constructor({ what, expected, received }: { what: string; expected: string; received: string }) {
    super(`${what} has the wrong shape: expected ${expected}, received ${received}.`);
  }
}

export class InvalidScaleError extends BaseError {
  override name = "InvalidScaleError";
  constructor({ scale }: { scale: number }) {
    super(`Scale ${scale} is not valid: expected an integer S with 1 <= S <= 14.`);
  }
}
