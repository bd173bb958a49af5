export type BaseErrorParameters = { details?: string; metaMessages?: string[]; cause?: unknown };

/** Root of every error thrown by `@convergence/facilitator`. */
export class BaseError extends Error {
  override name = "FacilitatorError";
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly metaMessages: string[];
  constructor(shortMessage: string, { details, metaMessages = [], cause }: BaseErrorParameters = {}) {
    super(
      [shortMessage, details ? `Details: ${details}` : undefined, ...metaMessages].filter(Boolean).join("\n"),
      cause === undefined ? undefined : { cause },
    );
    this.shortMessage = shortMessage;
    this.details = details;
    this.metaMessages = metaMessages;
  }
}
