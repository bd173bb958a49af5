import { registrationUri } from "@convergence/agent";
import { type Deployment, devnetAccounts } from "@convergence/contracts";
import { getAgent, registerAgent } from "@convergence/sdk";
import type { Address, Hash, HDAccount } from "viem";
import { connect } from "../chain/connect.ts";
import { readBalances } from "./readBalances.ts";

export type CreateDemoAgentParameters = {
  rpcUrl: string;
  deployment: Deployment;
  /** Devnet account index of the agent's wallet (default 1: #0 deploys, #2 is the worker). */
  accountIndex?: number;
};

export type CreateDemoAgentReturnType = {
  account: HDAccount;
  agentId: bigint;
  did: string;
  /** The ERC-8004 agent wallet (starts at the owner: the agent signs and pays from it). */
  wallet: Address;
  registerTx: { hash: Hash; gasUsed: bigint };
  balances: Record<string, string>;
};

/**
 * Gives the user an agent on the devnet: the account's did:ethr DID, an ERC-8004 identity in the AgentRegistry (with
 * the DID in its metadata), and its agent wallet, funded with the devnet USDC the deployment minted.
 *
 * @example
 * const agent = await createDemoAgent({ rpcUrl, deployment });
 */
export async function createDemoAgent({
  rpcUrl,
  deployment,
  accountIndex = 1,
}: CreateDemoAgentParameters): Promise<CreateDemoAgentReturnType> {
  const account = devnetAccounts({ count: accountIndex + 1 })[accountIndex]!;
  const { walletClient, publicClient } = await connect({ rpcUrl, account });
  const registered = await registerAgent({
    client: walletClient!,
    registry: deployment.contracts.AgentRegistry,
    agentURI: registrationUri({ name: "Convergence demo agent" }),
  });
  const agent = await getAgent({
    client: publicClient,
    registry: deployment.contracts.AgentRegistry,
    agentId: registered.agentId,
  });
  const wallet = agent.wallet ?? account.address;
  const balances = await readBalances({ rpcUrl, deployment, account: wallet });
  return {
    account,
    agentId: registered.agentId,
    did: registered.did,
    wallet,
    registerTx: { hash: registered.hash, gasUsed: registered.receipt.gasUsed },
    balances,
  };
}
