import { DEVNET_CHAIN_ID, type Deployment, devnetAccounts, readDeployment } from "@convergence/contracts";
import { createClients, type ReadClient, type WriteClient } from "@convergence/sdk";
import { createPublicClient, type HDAccount, http } from "viem";
import { WorkshopPrerequisiteError } from "./WorkshopPrerequisiteError.ts";
import { workshopRpcUrl } from "./workshopRpcUrl.ts";

export type WorkshopChainParameters = { needsDeployment?: boolean };
export type WorkshopChainReturnType = {
  rpcUrl: string;
  publicClient: ReadClient;
  accounts: HDAccount[];
  /** A wallet client for devnet account #i. */
  wallet: (index: number) => WriteClient;
  deployment: Deployment;
};

/**
 * What most steps need first: the chain from step 1 answering at CONVERGENCE_RPC_URL (default 127.0.0.1:8545), and
 * (unless `needsDeployment: false`) the contracts from step 2. Missing either is an error saying which step to run.
 *
 * @example
 * const { deployment, wallet } = await workshopChain();
 */
export async function workshopChain({
  needsDeployment = true,
}: WorkshopChainParameters = {}): Promise<WorkshopChainReturnType> {
  const rpcUrl = workshopRpcUrl();
  try {
    await createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 3_000 }) }).getChainId();
  } catch {
    throw new WorkshopPrerequisiteError({
      missing: `a chain at ${rpcUrl}`,
      fix: "pnpm workshop 1   (in its own terminal; leave it running)",
    });
  }
  const accounts = devnetAccounts({ count: 5 });
  const { publicClient } = createClients({ rpcUrl, chainId: DEVNET_CHAIN_ID });
  let deployment = undefined as unknown as Deployment;
  if (needsDeployment) {
    try {
      deployment = readDeployment({ chainId: DEVNET_CHAIN_ID });
    } catch {
      throw new WorkshopPrerequisiteError({ missing: "the deployed contracts", fix: "pnpm workshop 2" });
    }
    if (!(await publicClient.getCode({ address: deployment.contracts.InferenceEscrow }))) {
      throw new WorkshopPrerequisiteError({
        missing: "the contracts on this chain (the record is from an earlier chain)",
        fix: "pnpm workshop 2",
      });
    }
  }
  const wallet = (index: number) =>
    createClients({ rpcUrl, chainId: DEVNET_CHAIN_ID, account: accounts[index]! }).walletClient!;
  return { rpcUrl, publicClient, accounts, wallet, deployment };
}
