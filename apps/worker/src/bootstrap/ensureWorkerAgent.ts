import { agentRegistryAbi } from "@convergence/contracts";
import { getAgent, registerAgent, type WriteClient } from "@convergence/sdk";
import type { Address } from "viem";
import { WorkerAgentMissingError } from "../errors/bootstrap.ts";
import type { Logger } from "../log/createLogger.ts";

export type EnsureWorkerAgentParameters = {
  client: WriteClient;
  registry: Address;
  /** Where to search for an earlier registration: the deployment's start block. */
  fromBlock: bigint;
  /** Register when none is found (WORKER_AUTO_REGISTER). */
  register: boolean;
  /** The agent's ERC-8004 registration file URI. */
  agentURI: string;
  log: Logger;
};

export type EnsureWorkerAgentReturnType = { agentId: bigint; registered: boolean };

/**
 * The worker's ERC-8004 agent id: the first agent its account registered, still owns, and is the agent wallet of
 * (ERC-8004 starts an agent's wallet at its owner); else a new registration when `register` is set. The escrow pays
 * the agent wallet that sends fulfil, so the account must be both.
 *
 * @example
 * const { agentId } = await ensureWorkerAgent({ client, registry, fromBlock, register: true, agentURI, log });
 */
export async function ensureWorkerAgent({
  client,
  registry,
  fromBlock,
  register,
  agentURI,
  log,
}: EnsureWorkerAgentParameters): Promise<EnsureWorkerAgentReturnType> {
  const address = client.account.address;
  const registrations = await client.getContractEvents({
    address: registry,
    abi: agentRegistryAbi,
    eventName: "Registered",
    args: { owner: address },
    fromBlock,
    strict: true,
  });
  for (const { args } of registrations) {
    const agent = await getAgent({ client, registry, agentId: args.agentId }).catch(() => undefined);
    if (agent?.owner === address && agent.wallet === address) {
      log.info("worker agent found", { agentId: args.agentId, wallet: address });
      return { agentId: args.agentId, registered: false };
    }
  }
  if (!register) throw new WorkerAgentMissingError({ address });
  const { agentId, did } = await registerAgent({ client, registry, agentURI });
  log.info("worker agent registered", { agentId, did, wallet: address });
  return { agentId, registered: true };
}
