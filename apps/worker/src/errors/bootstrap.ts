import type { Address } from "viem";
import { BaseError } from "./base.ts";

/** The worker has no ERC-8004 agent and may not register one. */
export class WorkerAgentMissingError extends BaseError {
  override name = "WorkerAgentMissingError";
  constructor({ address }: { address: Address }) {
    super(`${address} owns no ERC-8004 agent whose wallet it is, and WORKER_AUTO_REGISTER is false.`, {
      metaMessages: ["Register the worker (registerAgent from @convergence/sdk) or set WORKER_AUTO_REGISTER=true."],
    });
  }
}

/** No usable ModelRegistry entry for a served model, and the worker may not register one. */
export class ModelNotRegisteredError extends BaseError {
  override name = "ModelNotRegisteredError";
  constructor({ model, commitment }: { model: string; commitment: bigint }) {
    super(
      `Model ${model} (commitment ${commitment}) has no active ModelRegistry entry with this machine's verification key, and WORKER_AUTO_REGISTER is false.`,
      {
        metaMessages: [
          "Register it (registerModel from @convergence/sdk, with this machine's verifier) or set WORKER_AUTO_REGISTER=true.",
        ],
      },
    );
  }
}
