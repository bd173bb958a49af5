import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DEVNET_CHAIN_ID,
  DEVNET_ROLES,
  type Deployment,
  devnetAccounts,
  writeDeployment,
} from "@convergence/contracts";
import { deployStack, type StartNodeReturnType, startNode } from "@convergence/devnet";
import { createClients } from "@convergence/sdk";

export type StartDemoChainParameters = {
  /** 0 = any free port (the demo), 8545 for `convergence devnet`. */
  port?: number;
  host?: string;
  /** Where deployments/31337.json is written; default a fresh temporary folder (removed by stop). */
  deploymentsDir?: string;
  onProgress?: (message: string) => void;
};

export type StartDemoChainReturnType = {
  node: StartNodeReturnType;
  url: string;
  deployment: Deployment;
  deploymentsDir: string;
  /** Folder for this run's worker database and agent policy; removed by stop when it was created here. */
  runDir: string;
  /** Stops the node and removes the temporary folder. Safe to call twice. */
  stop: () => Promise<void>;
};

/**
 * Starts a Hardhat node, deploys the whole stack (USDC minted to every devnet role's account, #0-#5, the WETH/USDC pool seeded) and
 * writes the deployment record where the worker will read it. A temporary folder keeps the demo from overwriting
 * the deployments/31337.json of a devnet the user may be running.
 *
 * @example
 * const chain = await startDemoChain({ port: 0 });
 * await chain.stop();
 */
export async function startDemoChain({
  port = 0,
  host = "127.0.0.1",
  deploymentsDir,
  onProgress,
}: StartDemoChainParameters = {}): Promise<StartDemoChainReturnType> {
  const runDir = mkdtempSync(join(tmpdir(), "convergence-demo-"));
  const node = await startNode({ host, port });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await node.stop();
    rmSync(runDir, { recursive: true, force: true });
  };
  try {
    onProgress?.(`node listening at ${node.url}`);
    const accounts = devnetAccounts({ count: DEVNET_ROLES.length });
    const { walletClient } = createClients({ rpcUrl: node.url, chainId: DEVNET_CHAIN_ID, account: accounts[0]! });
    const deployment = await deployStack({
      client: walletClient!,
      fund: accounts.map((a) => a.address),
      ...(onProgress ? { onProgress } : {}),
    });
    const dir = deploymentsDir ?? join(runDir, "deployments");
    writeDeployment({ deployment, dir });
    return { node, url: node.url, deployment, deploymentsDir: dir, runDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
