import { agentRegistryAbi } from "@convergence/contracts";
import type { Abi, Address, Hash, TransactionReceipt } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";

export type SetAgentUriParameters = {
  /** The agent's owner (or an approved operator). */
  client: WriteClient;
  registry: Address;
  agentId: bigint;
  /** The new registration file URI (ERC-8004 `agentURI`), e.g. https://worker.example/.well-known/agent-registration.json. */
  agentURI: string;
};

export type SetAgentUriReturnType = { hash: Hash; receipt: TransactionReceipt };

/**
 * Points an ERC-8004 agent at a new registration file (`setAgentURI`; the registry emits URIUpdated). Simulated first:
 * a caller that is not the owner or approved gets AgentRegistryNotAuthorized before any gas is spent.
 *
 * @example
 * await setAgentUri({ client, registry, agentId, agentURI: "https://worker.example/.well-known/agent-registration.json" });
 */
export async function setAgentUri({
  client,
  registry,
  agentId,
  agentURI,
}: SetAgentUriParameters): Promise<SetAgentUriReturnType> {
  const { hash, receipt } = await writeContractAndWait({
    client,
    contract: "AgentRegistry",
    address: registry,
    abi: agentRegistryAbi as Abi,
    functionName: "setAgentURI",
    args: [agentId, agentURI],
  });
  return { hash, receipt };
}
