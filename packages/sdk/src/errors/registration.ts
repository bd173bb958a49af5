import { BaseError } from "./base.ts";

/** A URI shortened for a message: a data: URI can be kilobytes long. */
const shorten = (uri: string): string =>
  uri.length > 120 ? `${uri.slice(0, 100)}... (${uri.length} characters)` : uri;

/**
 * A worker's ERC-8004 registration file (its agentURI) is not a Convergence worker registration: names the field that
 * does not fit, what was expected, and where the file came from.
 */
export class WorkerRegistrationInvalidError extends BaseError {
  override name = "WorkerRegistrationInvalidError";
  readonly source: string;
  readonly field: string;
  constructor({ source, field, expected }: { source: string; field: string; expected: string }) {
    super(`The worker registration file from ${shorten(source)} is invalid: ${field} is not ${expected}.`, {
      metaMessages: [
        "Nothing in it was used. The worker's owner fixes the file (a Convergence worker serves it at /.well-known/agent-registration.json and sets its agentURI to it); until then choose another worker.",
      ],
    });
    this.source = source;
    this.field = field;
  }
}

/** A worker's registration file could not be read: no answer, an error status, too large, or a scheme not fetched. */
export class WorkerRegistrationUnreachableError extends BaseError {
  override name = "WorkerRegistrationUnreachableError";
  readonly agentURI: string;
  readonly reason: string;
  constructor({ agentURI, reason, cause }: { agentURI: string; reason: string; cause?: unknown }) {
    super(`The worker registration file at ${shorten(agentURI)} could not be read: ${reason}.`, {
      metaMessages: [
        "Only http(s):// URIs and data:application/json URIs of at most 64 kB are read. The worker may be down: try again later or choose another worker.",
      ],
      cause,
    });
    this.agentURI = agentURI;
    this.reason = reason;
  }
}
