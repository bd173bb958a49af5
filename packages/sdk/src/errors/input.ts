import { BaseError } from "./base.ts";

/** A parameter with a bad value: names it and the expected form. */
export class InvalidParameterError extends BaseError {
  override name = "InvalidParameterError";
  constructor({ parameter, value, expected }: { parameter: string; value: unknown; expected: string }) {
    super(
      `Invalid ${parameter}: ${typeof value === "string" ? JSON.stringify(value) : String(value)}. Expected ${expected}.`,
    );
  }
}
