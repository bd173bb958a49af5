import { BaseError } from "./base.ts";

export class DevnetWorkerIndexError extends BaseError {
  override name = "DevnetWorkerIndexError";
  constructor({ worker, max }: { worker: number; max: number }) {
    super(`There is no devnet worker ${worker}: the devnet has accounts for workers 0 to ${max - 1}.`, {
      metaMessages: [`Run between 1 and ${max} workers (convergence devnet --workers N).`],
    });
  }
}
