import { type Deployment, devnetAccounts } from "@convergence/contracts";
import { deployStack, type StartNodeReturnType, startNode } from "@convergence/devnet";
import { createClients, type ReadClient, type WriteClient } from "@convergence/sdk";
import type { HDAccount } from "viem";

export type Devnet = {
  node: StartNodeReturnType;
  url: string;
  deployment: Deployment;
  accounts: HDAccount[];
  publicClient: ReadClient;
  /** A wallet client per devnet account. */
  wallets: WriteClient[];
  stop: () => Promise<void>;
};

/** A real Hardhat node on a free port with the stack deployed, for end-to-end tests. */
export async function startDevnet(): Promise<Devnet> {
  const node = await startNode({ port: 0 });
  const accounts = devnetAccounts({ count: 10 });
  const wallets = accounts.map((account) => createClients({ rpcUrl: node.url, chainId: 31337, account }).walletClient!);
  const deployment = await deployStack({ client: wallets[0]!, fund: accounts.slice(0, 5).map((a) => a.address) });
  const { publicClient } = createClients({ rpcUrl: node.url, chainId: 31337 });
  return { node, url: node.url, deployment, accounts, publicClient, wallets, stop: node.stop };
}
