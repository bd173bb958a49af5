import { BaseError } from "./base.ts";

export class WorkerStartError extends BaseError {
  override name = "WorkerStartError";
  /** The last lines the worker printed (stdout and stderr, in order). */
  readonly output: string;
  constructor({ reason, output, hint, cause }: { reason: string; output: string; hint: string; cause?: unknown }) {
    const tail = output.trim().split("\n").slice(-20).join("\n");
    super(`The inference worker did not become ready: ${reason}.`, {
      details: tail || "(it printed nothing)",
      metaMessages: [
        "Expected: a `convergence:worker-ready` message on its IPC channel once its HTTP API listens.",
        hint,
      ],
      cause,
    });
    this.output = tail;
  }
}

export class WorkerReadyMessageError extends BaseError {
  override name = "WorkerReadyMessageError";
  constructor({ message }: { message: unknown }) {
    super("The worker's readiness message has a missing or mistyped field.", {
      details: JSON.stringify(message),
      metaMessages: [
        "Expected: { type, url, port, chainId, agentId (decimal string), account (0x address), models: [{ name, modelId }] } (WorkerReadyMessage in @convergence/devnet).",
        "The worker and the launcher come from different versions of the repository: run both from the same checkout.",
      ],
    });
  }
}

export class DevnetWorkersError extends BaseError {
  override name = "DevnetWorkersError";
  constructor({ problem, max }: { problem: string; max: number }) {
    super(`A devnet cannot run ${problem}: it has keys for 1 to ${max} workers.`, {
      metaMessages: [`Pass a whole number of workers from 1 to ${max} (convergence devnet --workers N).`],
    });
  }
}
