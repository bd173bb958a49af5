import { BaseError } from "./base.ts";

/** The account giving feedback is the rated agent's owner or wallet: the registry refuses self-feedback. */
export class SelfFeedbackError extends BaseError {
  override name = "SelfFeedbackError";
  readonly agentId: bigint;
  readonly client: string;
  readonly role: "owner" | "wallet";
  constructor({ agentId, client, role }: { agentId: bigint; client: string; role: "owner" | "wallet" }) {
    super(`${client} is agent ${agentId}'s ${role}: it may not rate its own agent, nothing was sent.`, {
      metaMessages: [
        "Only a client that used the agent rates it (the ReputationRegistry reverts ReputationRegistrySelfFeedback). Send the feedback from the requester's account, or skip it.",
      ],
    });
    this.agentId = agentId;
    this.client = client;
    this.role = role;
  }
}
