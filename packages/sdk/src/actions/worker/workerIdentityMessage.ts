import type { Address, Hex } from "viem";

/** The HTTP header that carries a requester's random challenge on GET /v1/models. */
export const WORKER_CHALLENGE_HEADER = "x-convergence-challenge";

export type WorkerIdentityMessageParameters = {
  chainId: number;
  agentRegistry: Address;
  agentId: bigint;
  /**
   * The worker's URL (its origin is bound). The worker does not sign it by default: it cannot know the URL a
   * requester reached it at (a proxy, a port mapping), so a relay that forwards challenges is not caught by this.
   */
  workerUrl?: string;
  /** The requester's random nonce: 0x and 32 bytes of hex. */
  challenge: Hex;
};

export type WorkerIdentityMessageReturnType = string;

/**
 * The EIP-191 message a worker signs with its agent wallet (the account it fulfils with) to prove it is the ERC-8004
 * agent it advertises on GET /v1/models. It names the chain, the AgentRegistry, the agent and the requester's fresh
 * challenge, so a signature read off the wire answers no other challenge, agent, registry or chain. The one
 * definition of the message: the worker signs it and `verifyWorkerIdentity` checks it.
 *
 * @example
 * const signature = await account.signMessage({
 *   message: workerIdentityMessage({ chainId: 31337, agentRegistry, agentId: 2n, challenge }),
 * });
 */
export function workerIdentityMessage({
  chainId,
  agentRegistry,
  agentId,
  workerUrl,
  challenge,
}: WorkerIdentityMessageParameters): WorkerIdentityMessageReturnType {
  const at = workerUrl === undefined ? "" : ` serving at ${new URL(workerUrl).origin}`;
  return `Convergence: I am agent ${agentId} of AgentRegistry ${agentRegistry.toLowerCase()} on chain ${chainId}${at}; challenge ${challenge.toLowerCase()}`;
}
