import { BaseError } from "./base.ts";

export class InvalidTrainingDataError extends BaseError {
  override name = "InvalidTrainingDataError";
  constructor({ problem }: { problem: string }) {
    super(`Invalid training data: ${problem}.`, {
      metaMessages: ["Pass one label in [0, classes) per input row, every row as wide as the first layer."],
    });
  }
}
