import { agentRegistryAbi } from "@convergence/contracts";
import { type Address, hexToString, zeroAddress } from "viem";
import type { ReadClient } from "../../client/types.ts";

export type GetAgentParameters = { client: ReadClient; registry: Address; agentId: bigint };

export type GetAgentReturnType = {
  agentId: bigint;
  owner: Address;
  agentURI: string;
  /** The verified payment wallet (the owner until changed; cleared on transfer), or undefined. */
  wallet: Address | undefined;
  /** The DID recorded under metadata key `did`, if any. */
  did: string | undefined;
};

/**
 * Reads an ERC-8004 agent: owner, registration URI, payment wallet and DID.
 *
 * @example
 * const agent = await getAgent({ client, registry, agentId: 1n });
 */
export async function getAgent({ client, registry, agentId }: GetAgentParameters): Promise<GetAgentReturnType> {
  const contract = { address: registry, abi: agentRegistryAbi } as const;
  const [owner, agentURI, wallet, didBytes] = await Promise.all([
    client.readContract({ ...contract, functionName: "ownerOf", args: [agentId] }),
    client.readContract({ ...contract, functionName: "tokenURI", args: [agentId] }),
    client.readContract({ ...contract, functionName: "getAgentWallet", args: [agentId] }),
    client.readContract({ ...contract, functionName: "getMetadata", args: [agentId, "did"] }),
  ]);
  return {
    agentId,
    owner,
    agentURI,
    wallet: wallet === zeroAddress ? undefined : wallet,
    did: didBytes === "0x" ? undefined : hexToString(didBytes),
  };
}
