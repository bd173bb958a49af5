import { getAgent, setAgentUri, type WriteClient } from "@convergence/sdk";
import type { Address } from "viem";
import type { Logger } from "../log/createLogger.ts";

export type EnsureAgentUriParameters = {
  /** The agent's owner: the worker's account. */
  client: WriteClient;
  registry: Address;
  agentId: bigint;
  /** Where the worker serves its registration file now: `${publicUrl}/.well-known/agent-registration.json`. */
  agentURI: string;
  log: Logger;
};

export type EnsureAgentUriReturnType = {
  /** The URI on-chain now. */
  agentURI: string;
  /** The URI before, when it was changed; undefined when it already pointed here. */
  previous: string | undefined;
};

/**
 * Points the worker agent's on-chain agentURI at the registration file it serves, with one setAgentURI transaction
 * when the URI differs (a first start on a free port, a new public URL, the data: URI of an older worker), and none
 * when it already points there: a restart costs no gas. Requesters discover workers by this URI.
 *
 * @example
 * await ensureAgentUri({ client, registry, agentId, agentURI: `${publicUrl}${WORKER_REGISTRATION_PATH}`, log });
 */
export async function ensureAgentUri({
  client,
  registry,
  agentId,
  agentURI,
  log,
}: EnsureAgentUriParameters): Promise<EnsureAgentUriReturnType> {
  const { agentURI: current } = await getAgent({ client, registry, agentId });
  if (current === agentURI) return { agentURI, previous: undefined };
  await setAgentUri({ client, registry, agentId, agentURI });
  log.info("agent URI updated", {
    agentId,
    agentURI,
    previous: current.length > 100 ? `${current.slice(0, 100)}...` : current,
  });
  return { agentURI, previous: current };
}
