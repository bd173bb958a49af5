import type { Address } from "viem";
import { BaseError } from "./base.ts";

/** The worker has no ERC-8004 agent and may not register one. */
export class WorkerAgentMissingError extends BaseError {
  override name = "WorkerAgentMissingError";
  constructor({ address }: { address: Address }) {
    super(`${address} owns no ERC-8004 agent whose wallet it is, and WORKER_AUTO_REGISTER is false.`, {
      metaMessages: ["Register the worker (pnpm convergence agent register) or set WORKER_AUTO_REGISTER=true."],
    });
  }
}
