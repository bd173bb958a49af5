import { type GrantAgentSessionReturnType, grantAgentSession, readSessionKey } from "@convergence/agent";
import type { Deployment } from "@convergence/contracts";
import type { Account, Address, HDAccount } from "viem";
import { CliError } from "../errors.ts";

export type GrantDemoSessionParameters = {
  rpcUrl: string;
  deployment: Deployment;
  /** The demo agent's own key: the owner, who delegates and grants. */
  owner: HDAccount;
  /** The agent's home (its policy.json and the session key file). */
  home: string;
};

export type GrantDemoSessionReturnType = GrantAgentSessionReturnType & {
  /** What the agent runs on: the owner's account and the session key read back from its file. */
  runOn: { account: Address; key: Account };
};

/**
 * Puts the demo's agent on a session key (grantAgentSession): the owner's EOA delegates to the deployment's
 * AgentAccount with EIP-7702, grants a fresh key the agent's policy.json on-chain limits (the defaults: its off-chain
 * caps), and the agent then runs on that key alone, every send a batch the chain checks against the grant.
 *
 * @example
 * const { session, policy } = await grantDemoSession({ rpcUrl, deployment, owner: agent.account, home });
 */
export async function grantDemoSession({
  rpcUrl,
  deployment,
  owner,
  home,
}: GrantDemoSessionParameters): Promise<GrantDemoSessionReturnType> {
  const granted = await grantAgentSession({
    rpcUrl,
    chainId: deployment.chainId,
    owner,
    contracts: deployment.contracts,
    home,
  });
  const read = readSessionKey({ home, chainId: deployment.chainId });
  if (!read.found) throw new CliError(`The session key was granted but its file ${read.path} is missing.`);
  return { ...granted, runOn: { account: read.account, key: read.key } };
}
