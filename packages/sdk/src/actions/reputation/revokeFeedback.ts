import { reputationRegistryAbi } from "@convergence/contracts";
import type { Abi, Address, Hash, TransactionReceipt } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";

export type RevokeFeedbackParameters = {
  /** The client that gave the feedback: only it may revoke it. */
  client: WriteClient;
  /** The ReputationRegistry (deployment.contracts.ReputationRegistry). */
  registry: Address;
  agentId: bigint;
  /** The index `giveFeedback` returned (from 1). */
  feedbackIndex: bigint;
};

export type RevokeFeedbackReturnType = { hash: Hash; receipt: TransactionReceipt };

/**
 * Revokes one of the client's own feedbacks: it stays readable, marked revoked, and leaves the agent's summary.
 * Reverts (by name) with ReputationRegistryInvalidIndex for an index the client never gave, and
 * ReputationRegistryAlreadyRevoked.
 *
 * @example
 * await revokeFeedback({ client, registry: deployment.contracts.ReputationRegistry, agentId, feedbackIndex: 1n });
 */
export async function revokeFeedback({
  client,
  registry,
  agentId,
  feedbackIndex,
}: RevokeFeedbackParameters): Promise<RevokeFeedbackReturnType> {
  const { hash, receipt } = await writeContractAndWait({
    client,
    contract: "ReputationRegistry",
    address: registry,
    abi: reputationRegistryAbi as Abi,
    functionName: "revokeFeedback",
    args: [agentId, feedbackIndex],
  });
  return { hash, receipt };
}
