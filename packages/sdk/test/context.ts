import { devnetAccounts } from "@convergence/contracts";
import { inject } from "vitest";
import { createClients } from "../src/client/createClients.ts";
import type { WriteClient } from "../src/client/types.ts";

/** Clients on the shared test chain. Each test file uses its own accounts so nonces never collide. */
export function testContext() {
  const rpcUrl = inject("rpcUrl");
  const deployment = inject("deployment");
  const accounts = devnetAccounts({ count: 10 });
  const { publicClient } = createClients({ rpcUrl, chainId: 31337 });
  const wallet = (index: number): WriteClient =>
    createClients({ rpcUrl, chainId: 31337, account: accounts[index]! }).walletClient!;
  return { rpcUrl, deployment, accounts, publicClient, wallet };
}
