export type BaseErrorParameters = {
  /** What went wrong and, where it helps, what was expected. */
  details?: string;
  /** Lines that tell the reader what to do next. */
  metaMessages?: string[];
  cause?: unknown;
};

/**
 * Root of every error thrown by `@convergence/worker`. `shortMessage` says what went wrong in one line;
 * `message` adds the details and the next steps.
 */
export class BaseError extends Error {
  override name = "WorkerError";
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly metaMessages: string[];

  constructor(shortMessage: string, parameters: BaseErrorParameters = {}) {
    const { details, metaMessages = [], cause } = parameters;
    const message = [shortMessage, details ? `Details: ${details}` : undefined, ...metaMessages]
      .filter((line): line is string => line !== undefined)
      .join("\n");
    super(message, cause === undefined ? undefined : { cause });
    this.shortMessage = shortMessage;
    this.details = details;
    this.metaMessages = metaMessages;
  }
}
