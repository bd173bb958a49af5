import type { Deployment } from "@convergence/contracts";
import { devnetAccounts } from "@convergence/contracts";
import { describe, expect, it } from "vitest";
import { runShowcase } from "./runShowcase.ts";

// Refusals happen before any chain access, so no node is needed here; the showcase itself runs in test/demo.
const deployment = { chainId: 31337, contracts: {} } as unknown as Deployment;
const base = {
  rpcUrl: "http://127.0.0.1:1",
  deployment,
  account: devnetAccounts({ count: 2 })[1]!,
  workerUrl: "http://127.0.0.1:1",
  home: "/tmp/convergence-showcase-test",
};

describe("runShowcase", () => {
  it("refuses an intent that plans no verified inference, naming what it planned", async () => {
    await expect(runShowcase({ ...base, intent: "swap 100 USDC for WETH" })).rejects.toThrow(
      /does not plan a verified inference: swap_tokens/,
    );
  });

  it("refuses an intent the agent cannot read, with the agent's reason", async () => {
    await expect(runShowcase({ ...base, intent: "send half of it to vitalik" })).rejects.toThrow(
      /does not plan a verified inference: .*half/,
    );
  });
});
