import { DEVNET_ROLE_INDEX, devnetAccounts } from "@convergence/contracts";
import { type StartNodeReturnType, startNode } from "@convergence/devnet";
import { createClients } from "@convergence/sdk";
import type { Address } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MarketSimulationNotDevnetError } from "./errors.ts";
import { simulateMarketActivity } from "./simulateMarketActivity.ts";

// The simulation moves the clock with a Hardhat-only method: off the local devnet it must refuse before it signs.
describe("simulateMarketActivity off the local devnet", () => {
  let node: StartNodeReturnType;
  beforeAll(async () => {
    node = await startNode({ port: 0, chainId: 1337 });
  });
  afterAll(async () => {
    await node?.stop();
  });

  it("refuses chain 1337 with MarketSimulationNotDevnetError, naming both chains, and sends nothing", async () => {
    const contracts = { Pool: "0x1", WETH: "0x2", USDC: "0x3" } as unknown as Record<string, Address>;
    const error = await simulateMarketActivity({ rpcUrl: node.url, deployment: { contracts } as never }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MarketSimulationNotDevnetError);
    expect((error as MarketSimulationNotDevnetError).chainId).toBe(1337);
    expect((error as Error).message).toContain(
      `runs only on the local devnet (chain 31337); ${node.url} serves chain 1337`,
    );
    expect((error as Error).message).toContain("docs/guides/public-testnet.md");
    const { publicClient } = createClients({ rpcUrl: node.url, chainId: 1337 });
    const all = devnetAccounts({ count: Math.max(...DEVNET_ROLE_INDEX.market) + 1 });
    for (const index of DEVNET_ROLE_INDEX.market) {
      expect(await publicClient.getTransactionCount({ address: all[index]!.address }), `account #${index}`).toBe(0);
    }
    expect(await publicClient.getBlockNumber()).toBe(0n);
  });
});
