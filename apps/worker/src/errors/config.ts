import { BaseError } from "./base.ts";

/** An environment variable with a bad value: names it, what it holds and the expected form. */
export class InvalidConfigError extends BaseError {
  override name = "InvalidConfigError";
  readonly variable: string;
  constructor({
    variable,
    value,
    expected,
    problem,
  }: {
    variable: string;
    value: string | undefined;
    expected: string;
    /** Which part of the value is wrong (e.g. one entry of a list), when the expected form alone does not say. */
    problem?: string;
  }) {
    const received = value === undefined ? "not set" : JSON.stringify(value);
    super(`Invalid ${variable}: ${received}${problem ? ` (${problem})` : ""}. Expected ${expected}.`, {
      metaMessages: [`Fix ${variable} in the environment (see apps/worker/.env.example), or unset it for the default.`],
    });
    this.variable = variable;
  }
}

/** A setting that is well-formed but cannot be used with this chain (e.g. a public devnet key on a real chain). */
export class UnusableSettingError extends BaseError {
  override name = "UnusableSettingError";
  constructor({ variable, problem, fix, cause }: { variable: string; problem: string; fix: string; cause?: unknown }) {
    super(`${variable}: ${problem}`, { metaMessages: [fix], cause });
  }
}
