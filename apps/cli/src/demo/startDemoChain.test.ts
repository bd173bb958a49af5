import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DEVNET_CHAIN_ID, DEVNET_ROLES, devnetAccounts } from "@convergence/contracts";
import { createClients } from "@convergence/sdk";
import { erc20Abi } from "viem";
import { describe, expect, it } from "vitest";
import { startDemoChain } from "./startDemoChain.ts";

describe("startDemoChain", () => {
  it("deploys to a node on a free port, writes the record in its own folder, and stop removes both", async () => {
    const lines: string[] = [];
    const chain = await startDemoChain({ onProgress: (line) => lines.push(line) });
    try {
      const record = JSON.parse(readFileSync(join(chain.deploymentsDir, "31337.json"), "utf8"));
      expect(record.contracts).toEqual(chain.deployment.contracts);
      expect(chain.deploymentsDir.startsWith(chain.runDir)).toBe(true);
      expect(lines.some((line) => line.includes("InferenceEscrow"))).toBe(true);
      // Every role's account holds devnet USDC: the publisher (#3) and the market's #4 and #5 too.
      const { publicClient } = createClients({ rpcUrl: chain.url, chainId: DEVNET_CHAIN_ID });
      const accounts = devnetAccounts({ count: DEVNET_ROLES.length });
      for (const { index } of DEVNET_ROLES) {
        const balance = await publicClient.readContract({
          address: chain.deployment.contracts.USDC,
          abi: erc20Abi,
          functionName: "balanceOf",
          args: [accounts[index]!.address],
        });
        expect(balance, `account #${index}`).toBe(100_000_000_000n);
      }
    } finally {
      await chain.stop();
      await chain.stop();
    }
    expect(existsSync(chain.runDir)).toBe(false);
    await expect(fetch(chain.url, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  });
});
