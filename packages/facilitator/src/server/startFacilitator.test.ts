import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { FacilitatorChainMismatchError, FacilitatorRpcUnreachableError } from "../errors/facilitator.ts";
import { startFacilitator } from "./startFacilitator.ts";

const account = privateKeyToAccount(`0x${"22".repeat(32)}`);

/** A JSON-RPC endpoint that says it is chain 1 (a test double: the live chain is in test/x402). */
async function fakeChain(): Promise<{ url: string; close: () => void; methods: string[] }> {
  const methods: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const { id, method } = JSON.parse(body) as { id: number; method: string };
      methods.push(method);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ jsonrpc: "2.0", id, result: "0x1" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => server.close(),
    methods,
  };
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

  it("settles only the tokens it is started for: another asset is refused without reading or sending anything", async () => {
    // Anyone who reaches /settle chooses the requirements: with any asset allowed, a contract of theirs that accepts
    // transferWithAuthorization would be called from the facilitator's account, on its gas, as often as they like.
    const chain = await fakeChain();
    const usdc = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    const theirs = "0x000000000000000000000000000000000000bEEF";
    const facilitator = await startFacilitator({ rpcUrl: chain.url, chainId: 1, account, port: 0, assets: [usdc] });
    try {
      const requirements = {
        scheme: "exact",
        network: "eip155:1",
        asset: theirs,
        amount: "1",
        payTo: account.address,
        maxTimeoutSeconds: 300,
        extra: { name: "Gas Burner", version: "1" },
      };
      const now = Math.floor(Date.now() / 1000);
      const body = JSON.stringify({
        x402Version: 2,
        paymentPayload: {
          x402Version: 2,
          resource: { url: "http://w/v1/inference" },
          accepted: requirements,
          payload: {
            signature: `0x${"ab".repeat(65)}`,
            authorization: {
              from: account.address,
              to: account.address,
              value: "1",
              validAfter: "0",
              validBefore: String(now + 300),
              nonce: `0x${"01".repeat(32)}`,
            },
          },
        },
        paymentRequirements: requirements,
      });
      const post = async (path: string) =>
        (await fetch(`${facilitator.url}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        }).then((response) => response.json())) as Record<string, unknown>;
      const before = chain.methods.length;
      expect(await post("/verify")).toMatchObject({ isValid: false, invalidReason: "unsupported_asset" });
      expect(await post("/settle")).toMatchObject({
        success: false,
        errorReason: "unsupported_asset",
        transaction: "",
      });
      expect(chain.methods.slice(before)).toEqual([]);
      expect(
        await (
          await fetch(`${facilitator.url}/verify`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: body.replaceAll(theirs, usdc),
          })
        ).json(),
      ).not.toMatchObject({ invalidReason: "unsupported_asset" });
    } finally {
      await facilitator.close();
      chain.close();
    }
  });

  it("a settlement the RPC fails says why without the RPC's URL (where a provider's API key lives)", async () => {
    // The error goes to the worker, which forwards it to the payer in PAYMENT-RESPONSE: anyone who pays sees it.
    const usdc = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    const payer = privateKeyToAccount(`0x${"33".repeat(32)}`);
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        const { id, method, params } = JSON.parse(body) as { id: number; method: string; params?: unknown[] };
        // Reads answer (the token has code, the payer none, balances and checks pass); sending fails upstream.
        const results: Record<string, string> = {
          eth_chainId: "0x1",
          eth_getBalance: "0xde0b6b3a7640000",
          eth_getCode: String(params?.[0]).toLowerCase() === usdc.toLowerCase() ? "0x6080" : "0x",
          eth_call: `0x${"00".repeat(31)}01`,
        };
        const result = results[method];
        if (result === undefined) {
          res.statusCode = 500;
          res.end("upstream down");
          return;
        }
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ jsonrpc: "2.0", id, result }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const rpcUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/SECRET-API-KEY`;
    const facilitator = await startFacilitator({ rpcUrl, chainId: 1, account, port: 0, assets: [usdc] });
    try {
      const requirements = {
        scheme: "exact",
        network: "eip155:1",
        asset: usdc,
        amount: "1",
        payTo: account.address,
        maxTimeoutSeconds: 300,
        extra: { name: "USDC", version: "2" },
      };
      const message = {
        from: payer.address,
        to: account.address,
        value: 1n,
        validAfter: 0n,
        validBefore: BigInt(Math.floor(Date.now() / 1000) + 300),
        nonce: `0x${"01".repeat(32)}` as const,
      };
      const signature = await payer.signTypedData({
        domain: { name: "USDC", version: "2", chainId: 1, verifyingContract: usdc },
        types: {
          TransferWithAuthorization: [
            { name: "from", type: "address" },
            { name: "to", type: "address" },
            { name: "value", type: "uint256" },
            { name: "validAfter", type: "uint256" },
            { name: "validBefore", type: "uint256" },
            { name: "nonce", type: "bytes32" },
          ],
        },
        primaryType: "TransferWithAuthorization",
        message,
      });
      const authorization = Object.fromEntries(
        Object.entries(message).map(([key, value]) => [key, typeof value === "bigint" ? value.toString() : value]),
      );
      const body = JSON.stringify({
        x402Version: 2,
        paymentPayload: {
          x402Version: 2,
          resource: { url: "http://w/v1/inference" },
          accepted: requirements,
          payload: { signature, authorization },
        },
        paymentRequirements: requirements,
      });
      const post = (path: string) =>
        fetch(`${facilitator.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });
      expect(await (await post("/verify")).json()).toMatchObject({ isValid: true });
      const text = await (await post("/settle")).text();
      expect(JSON.parse(text)).toMatchObject({ success: false, errorMessage: expect.stringMatching(/failed/) });
      expect(text).not.toContain("SECRET-API-KEY");
    } finally {
      await facilitator.close();
      server.close();
    }
  });
});
