import type { Address, Hex } from "viem";
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

/** The worker could not point its agent's on-chain agentURI at the registration file it serves. */
export class AgentUriUpdateError extends BaseError {
  override name = "AgentUriUpdateError";
  constructor({ agentId, agentURI, cause }: { agentId: bigint; agentURI: string; cause: unknown }) {
    super(
      `The worker could not set agent ${agentId}'s agentURI to ${agentURI}: ${(cause as Error)?.message?.split("\n")[0] ?? String(cause)}`,
      {
        metaMessages: [
          "Requesters discover workers by that URI. Give the worker's account ETH for gas, or host the registration file elsewhere and set WORKER_AGENT_URI (the worker then leaves the on-chain URI alone).",
        ],
        cause,
      },
    );
  }
}

/** No ModelRegistry registration this worker serves for a served model, and the worker may not register one. */
export class ModelNotRegisteredError extends BaseError {
  override name = "ModelNotRegisteredError";
  constructor({
    model,
    commitment,
    vkeyHash,
    publishers,
    reason,
    details,
  }: {
    model: string;
    commitment: bigint;
    vkeyHash: Hex;
    publishers: readonly Address[];
    /**
     * Why the worker did not register it: WORKER_AUTO_REGISTER is false, the worker's account is not in
     * WORKER_PUBLISHERS (its registration would not be served), or its own registration fails the serving rules.
     */
    reason: "auto-register-off" | "own-account-not-publisher" | "own-registration-refused";
    details?: string;
  }) {
    const because = {
      "auto-register-off": "and WORKER_AUTO_REGISTER is false",
      "own-account-not-publisher": "and the worker's own account is not in WORKER_PUBLISHERS, so it registers nothing",
      "own-registration-refused": "and the registration the worker's account holds fails those rules",
    }[reason];
    super(
      `Model ${model} (commitment ${commitment}) has no active ModelRegistry registration this worker serves (owned by a publisher: ${publishers.join(", ")}; vkeyHash ${vkeyHash}, this machine's key; a verifier compiled from that key), ${because}.`,
      {
        ...(details ? { details } : {}),
        metaMessages: [
          `Have the model's publisher register it with this key (\`convergence model add\` or \`circuit add\`), add the registrant's address to WORKER_PUBLISHERS, or set WORKER_AUTO_REGISTER=true with the worker's account among the publishers.`,
        ],
      },
    );
  }
}

/** A served model has no proving key this worker may use: the worker never runs phase 2 of the setup itself. */
export class ZkSetupMissingError extends BaseError {
  override name = "ZkSetupMissingError";
  constructor({ model, dir, command }: { model: string; dir: string; command: string }) {
    super(`Model ${model} has no proving key in the zk cache (${dir}), and the worker never makes one itself.`, {
      details:
        "whoever runs phase 2 of the setup knows a secret that forges proofs: the model's publisher runs it, the worker only proves with the result",
      metaMessages: [
        `Have the model's publisher run \`${command}\` (on this machine, or copy its $CONVERGENCE_HOME/zk/<circuit>/ directory here), then start the worker again.`,
      ],
    });
  }
}

/** The proving key in the zk cache is not the model's published key (its pinned vkeyHash). */
export class PublishedKeyMismatchError extends BaseError {
  override name = "PublishedKeyMismatchError";
  constructor({ model, expected, received, dir }: { model: string; expected: Hex; received: Hex; dir: string }) {
    super(`The verification key in ${dir} is not model ${model}'s published key.`, {
      details: `expected vkeyHash ${expected} (the model's manifest), the cache holds ${received}`,
      metaMessages: [
        `Install the published key with \`convergence zk setup --model ${model}\`, then start the worker again: requesters pin the published key and refuse any other.`,
      ],
    });
  }
}
