import { agentRegistryAbi, reputationRegistryAbi } from "@convergence/contracts";
import {
  type Abi,
  type Address,
  encodeFunctionData,
  type Hash,
  type Hex,
  isAddressEqual,
  parseEventLogs,
  type TransactionReceipt,
  zeroHash,
} from "viem";
import type { WriteClient } from "../../client/types.ts";
import { SelfFeedbackError } from "../../errors/reputation.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";
import type { CallBatchSender } from "../inference/openJob.ts";

export type GiveFeedbackParameters = {
  /** The client giving the feedback (a requester of the agent's work); not the agent's owner, operator or wallet. */
  client: WriteClient;
  /** The ReputationRegistry (deployment.contracts.ReputationRegistry). */
  registry: Address;
  agentId: bigint;
  /** Signed fixed-point value, |value| <= 1e38 (`successFeedback`/`failureFeedback` give the scheme's). */
  value: bigint;
  /** Decimals of `value`, 0-18. */
  valueDecimals: number;
  tag1?: string;
  tag2?: string;
  /** The agent's endpoint the feedback is about (the worker's service URL). */
  endpoint?: string;
  /** An off-chain feedback file (default: none). */
  feedbackURI?: string;
  /** What the feedback is about (`feedbackJobHash` for a job); default zero. */
  feedbackHash?: Hex;
  /** Give it from this account instead of `client`'s (which then only reads): an EIP-7702 account's session batch. */
  batch?: CallBatchSender;
};

export type GiveFeedbackReturnType = {
  /** The feedback's index among this client's feedback for the agent (from 1). */
  feedbackIndex: bigint;
  hash: Hash;
  receipt: TransactionReceipt;
};

/**
 * Rates an ERC-8004 agent as the client. Before sending, refuses (SelfFeedbackError, nothing sent) when the client is
 * the agent's owner or its wallet (read from the registry's identity registry). Reverts (ContractRevertError, by name)
 * for an unknown agent (ReputationRegistryUnknownAgent), self-feedback by an approved address or operator
 * (ReputationRegistrySelfFeedback), more than 18 decimals or a value beyond 1e38.
 *
 * @example
 * const { feedbackIndex } = await giveFeedback({
 *   client, registry: deployment.contracts.ReputationRegistry, agentId,
 *   ...successFeedback({ latencyMs: 8421 }), endpoint: "http://127.0.0.1:8080",
 *   feedbackHash: feedbackJobHash({ chainId: 31337, escrow, jobId }),
 * });
 */
export async function giveFeedback({
  client,
  registry,
  agentId,
  value,
  valueDecimals,
  tag1 = "",
  tag2 = "",
  endpoint = "",
  feedbackURI = "",
  feedbackHash = zeroHash,
  batch,
}: GiveFeedbackParameters): Promise<GiveFeedbackReturnType> {
  await refuseSelfFeedback({ client, registry, agentId, me: batch?.address ?? client.account.address });
  const args = [agentId, value, valueDecimals, tag1, tag2, endpoint, feedbackURI, feedbackHash] as const;
  const { hash, receipt } = batch
    ? await batch.send([
        { to: registry, data: encodeFunctionData({ abi: reputationRegistryAbi, functionName: "giveFeedback", args }) },
      ])
    : await writeContractAndWait({
        client,
        contract: "ReputationRegistry",
        address: registry,
        abi: reputationRegistryAbi as Abi,
        functionName: "giveFeedback",
        args,
      });
  const [given] = parseEventLogs({ abi: reputationRegistryAbi, eventName: "NewFeedback", logs: receipt.logs });
  if (!given) throw new Error("unreachable: giveFeedback succeeded without a NewFeedback event");
  return { feedbackIndex: given.args.feedbackIndex, hash, receipt };
}

/** Throws SelfFeedbackError when `client` is the agent's owner or wallet; an unknown agent is left to the registry. */
async function refuseSelfFeedback({
  client,
  registry,
  agentId,
  me,
}: Pick<GiveFeedbackParameters, "client" | "registry" | "agentId"> & { me: Address }): Promise<void> {
  const agents = await client.readContract({
    address: registry,
    abi: reputationRegistryAbi,
    functionName: "getIdentityRegistry",
  });
  const agent = { address: agents, abi: agentRegistryAbi, args: [agentId] } as const;
  const read = await Promise.all([
    client.readContract({ ...agent, functionName: "ownerOf" }),
    client.readContract({ ...agent, functionName: "getAgentWallet" }),
  ]).catch(() => undefined); // no such agent: the registry reverts ReputationRegistryUnknownAgent, by name
  if (read === undefined) return;
  const [owner, wallet] = read;
  if (isAddressEqual(owner, me)) throw new SelfFeedbackError({ agentId, client: me, role: "owner" });
  if (isAddressEqual(wallet, me)) throw new SelfFeedbackError({ agentId, client: me, role: "wallet" });
}
