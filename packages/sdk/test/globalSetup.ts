import { type Deployment, devnetAccounts } from "@convergence/contracts";
import { deployStack, type StartNodeReturnType, startNode } from "@convergence/devnet";
import type { TestProject } from "vitest/node";
import { createClients } from "../src/client/createClients.ts";

declare module "vitest" {
  export interface ProvidedContext {
    rpcUrl: string;
    deployment: Deployment;
  }
}

let node: StartNodeReturnType | undefined;

export async function setup(project: TestProject): Promise<void> {
  node = await startNode({ port: 0 });
  const accounts = devnetAccounts({ count: 5 });
  const { walletClient } = createClients({ rpcUrl: node.url, chainId: 31337, account: accounts[0]! });
  const deployment = await deployStack({ client: walletClient!, fund: accounts.map((a) => a.address) });
  project.provide("rpcUrl", node.url);
  project.provide("deployment", deployment);
}

export async function teardown(): Promise<void> {
  await node?.stop();
}
