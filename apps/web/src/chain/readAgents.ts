import { agentRegistryAbi } from "@convergence/contracts";
import { type GetAgentReturnType, getAgent } from "@convergence/sdk";
import type { PublicClient } from "viem";
import type { DashboardConfig } from "../config/dashboardConfig.ts";

/** An ERC-8004 agent, or why it could not be read (burned, for one). */
export type AgentRow = GetAgentReturnType | { agentId: bigint; error: string };

/**
 * Every agent the AgentRegistry registered since the configured start block (its Registered events), read with the
 * SDK's getAgent: owner, agent URI, wallet, DID.
 *
 * @example
 * const agents = await readAgents({ client, config });
 */
export async function readAgents({
  client,
  config,
}: {
  client: PublicClient;
  config: DashboardConfig;
}): Promise<AgentRow[]> {
  const registry = config.contracts.AgentRegistry;
  if (!registry) return [];
  const logs = await client.getContractEvents({
    address: registry,
    abi: agentRegistryAbi,
    eventName: "Registered",
    fromBlock: BigInt(config.fromBlock),
    strict: true,
  });
  return Promise.all(
    logs.map(({ args: { agentId } }) =>
      getAgent({ client, registry, agentId }).catch(
        (error: unknown): AgentRow => ({
          agentId,
          error: error instanceof Error ? error.message.split("\n")[0]! : String(error),
        }),
      ),
    ),
  );
}
