import { reputationRegistryAbi } from "@convergence/contracts";
import { type Address, getAddress, isAddress } from "viem";
import type { ReadClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { FEEDBACK_TAG_SUCCESS_RATE, parseLatencyTag } from "./feedbackScheme.ts";
import { readAllFeedback } from "./readAllFeedback.ts";

export type GetReputationSummaryParameters = {
  client: ReadClient;
  /** The ReputationRegistry (deployment.contracts.ReputationRegistry). */
  registry: Address;
  agentId: bigint;
  /**
   * The clients whose feedback counts: the requester itself and those it trusts (at least one). Feedback from
   * anyone else is ignored: anyone can rate, so an untrusted count is open to Sybil feedback.
   */
  clients: readonly Address[];
};

export type GetReputationSummaryReturnType = {
  /** How many unrevoked job feedbacks the trusted clients gave the agent. */
  count: number;
  /** Percent of those jobs the agent settled (the registry's average, truncated to a whole percent); undefined without feedback. */
  successRate: number | undefined;
  /** Median open-to-attested latency of its successes, in ms; undefined without a success carrying one. */
  medianLatencyMs: number | undefined;
};

/**
 * A worker's reputation as a requester sees it, under the SDK's feedback scheme: the registry's summary of the
 * trusted clients' `successRate` feedback, and the median of the latencies their successes recorded.
 *
 * @example
 * const { count, successRate, medianLatencyMs } = await getReputationSummary({
 *   client, registry: deployment.contracts.ReputationRegistry, agentId, clients: [requester, ...trustedClients],
 * });
 */
export async function getReputationSummary({
  client,
  registry,
  agentId,
  clients: trustedClients,
}: GetReputationSummaryParameters): Promise<GetReputationSummaryReturnType> {
  const bad = trustedClients.find((address) => !isAddress(address));
  if (trustedClients.length === 0 || bad !== undefined) {
    throw new InvalidParameterError({
      parameter: "clients",
      value: bad ?? "[]",
      expected: "one or more addresses whose feedback you trust (at least the requester's own)",
    });
  }
  const unique = [...new Set(trustedClients.map((address) => getAddress(address)))];
  const [[count, summaryValue, summaryDecimals], entries] = await Promise.all([
    client.readContract({
      address: registry,
      abi: reputationRegistryAbi,
      functionName: "getSummary",
      args: [agentId, unique, FEEDBACK_TAG_SUCCESS_RATE, ""],
    }),
    readAllFeedback({ client, registry, agentId, clientAddresses: unique, tag1: FEEDBACK_TAG_SUCCESS_RATE }),
  ]);
  const latencies = entries
    .map((entry) => parseLatencyTag(entry.tag2))
    .filter((latency): latency is number => latency !== undefined)
    .sort((a, b) => a - b);
  return {
    count: Number(count),
    successRate: count === 0n ? undefined : Number(summaryValue) / 10 ** summaryDecimals,
    medianLatencyMs: median(latencies),
  };
}

/** The middle of sorted numbers (the mean of the two middles for an even count), or undefined for none. */
function median(sorted: readonly number[]): number | undefined {
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
