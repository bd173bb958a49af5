import { reputationRegistryAbi } from "@convergence/contracts";
import type { Address } from "viem";
import type { ReadClient } from "../../client/types.ts";

export type ReadAllFeedbackParameters = {
  client: ReadClient;
  /** The ReputationRegistry (deployment.contracts.ReputationRegistry). */
  registry: Address;
  agentId: bigint;
  /**
   * Whose feedback to read (default: every client, in order of first feedback). Name the clients you trust: anyone
   * can give feedback.
   */
  clientAddresses?: readonly Address[];
  /** Only feedback with this tag1 (default "": any). */
  tag1?: string;
  /** Only feedback with this tag2 (default "": any). */
  tag2?: string;
  /** Include revoked feedback (default false). */
  includeRevoked?: boolean;
};

/** One feedback as the registry holds it. */
export type FeedbackEntry = {
  client: Address;
  feedbackIndex: bigint;
  value: bigint;
  valueDecimals: number;
  tag1: string;
  tag2: string;
  isRevoked: boolean;
};

export type ReadAllFeedbackReturnType = FeedbackEntry[];

/**
 * Reads an agent's feedback, filtered by client and tags, in client then index order: the registry's parallel
 * arrays as one entry per feedback.
 *
 * @example
 * const entries = await readAllFeedback({
 *   client, registry: deployment.contracts.ReputationRegistry, agentId,
 *   clientAddresses: [requester], tag1: FEEDBACK_TAG_SUCCESS_RATE,
 * });
 */
export async function readAllFeedback({
  client,
  registry,
  agentId,
  clientAddresses = [],
  tag1 = "",
  tag2 = "",
  includeRevoked = false,
}: ReadAllFeedbackParameters): Promise<ReadAllFeedbackReturnType> {
  const [clients, indexes, values, decimals, tag1s, tag2s, revoked] = await client.readContract({
    address: registry,
    abi: reputationRegistryAbi,
    functionName: "readAllFeedback",
    args: [agentId, clientAddresses, tag1, tag2, includeRevoked],
  });
  return clients.map((address, i) => ({
    client: address,
    feedbackIndex: indexes[i]!,
    value: values[i]!,
    valueDecimals: decimals[i]!,
    tag1: tag1s[i]!,
    tag2: tag2s[i]!,
    isRevoked: revoked[i]!,
  }));
}
