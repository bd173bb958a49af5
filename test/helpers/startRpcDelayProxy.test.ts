import { type StartNodeReturnType, startNode } from "@convergence/devnet";
import { createClients } from "@convergence/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRpcDelayProxy } from "./startRpcDelayProxy.ts";

describe("startRpcDelayProxy", () => {
  let node: StartNodeReturnType;
  beforeAll(async () => {
    node = await startNode({ port: 0 });
  });
  afterAll(async () => {
    await node?.stop();
  });

  it("answers as the node does, each response held at least the delay, and records the methods", async () => {
    const proxy = await startRpcDelayProxy({ upstream: node.url, delayMs: 300 });
    try {
      const { publicClient } = createClients({ rpcUrl: proxy.url, chainId: 31337 });
      const direct = createClients({ rpcUrl: node.url, chainId: 31337 }).publicClient;
      let start = Date.now();
      expect(await publicClient.getChainId()).toBe(31337);
      expect(Date.now() - start).toBeGreaterThanOrEqual(300);
      expect(await publicClient.getBlockNumber()).toBe(await direct.getBlockNumber());
      proxy.setDelayMs(0);
      start = Date.now();
      await publicClient.getBalance({ address: "0x0000000000000000000000000000000000000001" });
      expect(Date.now() - start).toBeLessThan(300);
      expect(proxy.methods()).toEqual(["eth_chainId", "eth_blockNumber", "eth_getBalance"]);
    } finally {
      await proxy.stop();
      await proxy.stop();
    }
  });

  it("turns an unreachable upstream into a JSON-RPC error with status 502", async () => {
    const proxy = await startRpcDelayProxy({ upstream: "http://127.0.0.1:1", delayMs: 0 });
    try {
      const response = await fetch(proxy.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      expect(response.status).toBe(502);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
        "upstream unreachable",
      );
    } finally {
      await proxy.stop();
    }
  });
});
