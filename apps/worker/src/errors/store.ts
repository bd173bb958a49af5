import { BaseError } from "./base.ts";

/** The job database could not be opened or read. */
export class JobStoreError extends BaseError {
  override name = "JobStoreError";
  constructor({ path, action, cause }: { path: string; action: string; cause: unknown }) {
    super(`The job database at ${path} could not ${action}.`, {
      details: cause instanceof Error ? cause.message : String(cause),
      metaMessages: [
        "Check that the directory is writable and that no other worker uses the same file (WORKER_DB_PATH).",
      ],
      cause,
    });
  }
}
