import { reputationRegistryAbi } from "@convergence/contracts";
import { type Abi, type Address, type Hash, type Hex, type TransactionReceipt, zeroHash } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";

export type AppendResponseParameters = {
  /** The responder: anyone (typically the agent's owner answering a feedback about it). */
  client: WriteClient;
  /** The ReputationRegistry (deployment.contracts.ReputationRegistry). */
  registry: Address;
  agentId: bigint;
  /** The client whose feedback is answered. */
  clientAddress: Address;
  /** That client's feedback index (from 1). */
  feedbackIndex: bigint;
  /** Where the response is published; required. */
  responseURI: string;
  /** Commitment to the response's content (default zero). */
  responseHash?: Hex;
};

export type AppendResponseReturnType = { hash: Hash; receipt: TransactionReceipt };

/**
 * Appends a response to a feedback. Reverts (by name) with ReputationRegistryInvalidIndex when that client has no
 * such feedback for the agent.
 *
 * @example
 * await appendResponse({
 *   client: worker, registry: deployment.contracts.ReputationRegistry, agentId,
 *   clientAddress: requester, feedbackIndex: 1n, responseURI: "https://worker.example/responses/1.json",
 * });
 */
export async function appendResponse({
  client,
  registry,
  agentId,
  clientAddress,
  feedbackIndex,
  responseURI,
  responseHash = zeroHash,
}: AppendResponseParameters): Promise<AppendResponseReturnType> {
  if (responseURI === "") {
    throw new InvalidParameterError({
      parameter: "responseURI",
      value: responseURI,
      expected: "the URI where the response is published (the registry refuses an empty one)",
    });
  }
  const { hash, receipt } = await writeContractAndWait({
    client,
    contract: "ReputationRegistry",
    address: registry,
    abi: reputationRegistryAbi as Abi,
    functionName: "appendResponse",
    args: [agentId, clientAddress, feedbackIndex, responseURI, responseHash],
  });
  return { hash, receipt };
}
