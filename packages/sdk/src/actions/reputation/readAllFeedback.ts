import { reputationRegistryAbi } from "@convergence/contracts";
import type { Address } from "viem";
import type { ReadClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";

export type ReadAllFeedbackParameters = {
  client: ReadClient;
  /** The ReputationRegistry (deployment.contracts.ReputationRegistry). */
  registry: Address;
  agentId: bigint;
  /**
   * Whose feedback to read: the clients you trust, at least one. Required: anyone can give feedback, so "every client"
   * is Sybil-polluted and unbounded (InvalidParameterError when empty).
   */
  clientAddresses: readonly Address[];
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
 * Reads an agent's feedback from the named clients (at least one), filtered by tags, in client then index order: the
 * registry's parallel arrays as one entry per feedback. Refuses an empty client list before reading (InvalidParameterError).
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
  clientAddresses,
  tag1 = "",
  tag2 = "",
  includeRevoked = false,
}: ReadAllFeedbackParameters): Promise<ReadAllFeedbackReturnType> {
  if (!Array.isArray(clientAddresses) || clientAddresses.length === 0) {
    throw new InvalidParameterError({
      parameter: "clientAddresses",
      value: JSON.stringify(clientAddresses ?? null),
      expected: "at least one client address (the clients you trust: anyone can give feedback)",
    });
  }
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
