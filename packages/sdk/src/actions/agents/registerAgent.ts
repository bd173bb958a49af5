import { agentRegistryAbi } from "@convergence/contracts";
import {
  type Abi,
  type Address,
  encodeFunctionData,
  type Hash,
  type Hex,
  isHex,
  parseEventLogs,
  type TransactionReceipt,
  toHex,
} from "viem";
import type { WriteClient } from "../../client/types.ts";
import { toDid } from "../../did/toDid.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";
import type { CallBatchSender } from "../inference/openJob.ts";

export type RegisterAgentParameters = {
  client: WriteClient;
  registry: Address;
  /** The agent's registration file (ERC-8004), e.g. an https:// or data: URI. */
  agentURI: string;
  /** Extra on-chain metadata; values are hex bytes or UTF-8 text. */
  metadata?: Record<string, Hex | string>;
  /** Records the owner's did:ethr DID under the key `did` (default true). */
  recordDid?: boolean;
  /** Register from this account instead of `client`'s (an EIP-7702 account's session batch): it owns the agent. */
  batch?: CallBatchSender;
};

export type RegisterAgentReturnType = { agentId: bigint; did: string; hash: Hash; receipt: TransactionReceipt };

/**
 * Registers an ERC-8004 agent owned by the client's account and returns its id.
 *
 * @example
 * const { agentId, did } = await registerAgent({ client, registry, agentURI: "https://example.com/agent.json" });
 */
export async function registerAgent({
  client,
  registry,
  agentURI,
  metadata = {},
  recordDid = true,
  batch,
}: RegisterAgentParameters): Promise<RegisterAgentReturnType> {
  const did = toDid({ chainId: client.chain.id, address: batch?.address ?? client.account.address });
  const entries = Object.entries({ ...(recordDid ? { did } : {}), ...metadata }).map(([metadataKey, value]) => ({
    metadataKey,
    metadataValue: isHex(value) ? value : toHex(value),
  }));
  const { hash, receipt } = batch
    ? await batch.send([
        {
          to: registry,
          data: encodeFunctionData({ abi: agentRegistryAbi, functionName: "register", args: [agentURI, entries] }),
        },
      ])
    : await writeContractAndWait({
        client,
        contract: "AgentRegistry",
        address: registry,
        abi: agentRegistryAbi as Abi,
        functionName: "register",
        args: [agentURI, entries],
      });
  const [registered] = parseEventLogs({ abi: agentRegistryAbi, eventName: "Registered", logs: receipt.logs });
  if (!registered) throw new Error("unreachable: register succeeded without a Registered event");
  return { agentId: registered.args.agentId, did, hash, receipt };
}
