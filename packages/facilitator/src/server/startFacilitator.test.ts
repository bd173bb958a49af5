import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { FacilitatorChainMismatchError, FacilitatorRpcUnreachableError } from "../errors/facilitator.ts";
import { startFacilitator } from "./startFacilitator.ts";

const account = privateKeyToAccount(`0x${"22".repeat(32)}`);

/** A JSON-RPC endpoint that says it is chain 1 (a test double: the live chain is in test/x402). */
async function fakeChain(): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const { id } = JSON.parse(body) as { id: number };
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ jsonrpc: "2.0", id, result: "0x1" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe("startFacilitator", () => {
  it("refuses an RPC it cannot reach, naming it", async () => {
    const error = await startFacilitator({ rpcUrl: "http://127.0.0.1:1", chainId: 31337, account, port: 0 }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(FacilitatorRpcUnreachableError);
    expect(String(error)).toMatch(/http:\/\/127\.0\.0\.1:1[\s\S]*--rpc-url/);
  });

  it("refuses an RPC that serves another chain than the one it is to settle on", async () => {
    const chain = await fakeChain();
    try {
      const error = await startFacilitator({ rpcUrl: chain.url, chainId: 31337, account, port: 0 }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(FacilitatorChainMismatchError);
      expect(String(error)).toMatch(/serves chain 1, not chain 31337/);
    } finally {
      chain.close();
    }
  });
});
