import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  decodePaymentRequiredHeader,
  decodePaymentResponseHeader,
  encodePaymentSignatureHeader,
} from "@x402/core/http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FacilitatorUnusableError } from "../errors/x402.ts";
import { checkFacilitator } from "./checkFacilitator.ts";
import { createPaymentGate, type X402Offer } from "./createPaymentGate.ts";

const payTo = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const asset = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const TX = `0x${"ab".repeat(32)}`;

/**
 * A facilitator test double: answers /supported for eip155:31337, and /verify and /settle as told, recording the calls.
 * (The real facilitator on a live chain is tested in test/x402.)
 */
async function fakeFacilitator() {
  const calls: string[] = [];
  const answers = { verify: { isValid: true, payer: payTo }, settle: { success: true, transaction: TX } };
  const server: Server = createServer((req, res) => {
    calls.push(`${req.method} ${req.url}`);
    res.setHeader("content-type", "application/json");
    if (req.url === "/supported") {
      res.end(
        JSON.stringify({
          kinds: [{ x402Version: 2, scheme: "exact", network: "eip155:31337" }],
          extensions: [],
          signers: {},
        }),
      );
      return;
    }
    req.resume();
    req.on("end", () => {
      if (req.url === "/verify") res.end(JSON.stringify(answers.verify));
      else res.end(JSON.stringify({ network: "eip155:31337", payer: payTo, ...answers.settle }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, answers, server };
}

describe("createPaymentGate", () => {
  let facilitator: Awaited<ReturnType<typeof fakeFacilitator>>;
  let server: Server;
  let url: string;
  let handled = 0;

  beforeAll(async () => {
    facilitator = await fakeFacilitator();
    const offer: X402Offer = {
      price: (model) => ({ priced: 10_000n, dear: 30_000n })[model] ?? 0n,
      payTo,
      asset,
      eip712: { name: "USD Coin (Devnet)", version: "1" },
      network: "eip155:31337",
      facilitatorUrl: facilitator.url,
    };
    const app = express();
    app.post(
      "/v1/inference",
      express.json(),
      createPaymentGate({ offer, modelOf: (body) => (body as { modelId?: string }).modelId }),
      (req, res) => {
        handled += 1;
        if ((req.body as { input?: unknown }).input === "bad")
          res.status(400).json({ error: { code: "INVALID_INPUT" } });
        else res.json({ output: { raw: ["1"] } });
      },
    );
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/inference`;
  });
  afterAll(() => {
    server?.close();
    facilitator?.server.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  const paymentFor = async (modelId: string) => {
    const required = decodePaymentRequiredHeader((await post({ modelId })).headers.get("payment-required")!);
    return encodePaymentSignatureHeader({
      x402Version: 2,
      accepted: required.accepts[0]!,
      payload: { signature: "0x00", authorization: {} },
    });
  };

  it("lets a free model through without asking the facilitator anything", async () => {
    const before = facilitator.calls.filter((call) => call !== "GET /supported").length;
    const response = await post({ modelId: "free" });
    expect(response.status).toBe(200);
    expect(facilitator.calls.filter((call) => call !== "GET /supported")).toHaveLength(before);
  });

  it("answers an unpaid request for a priced model 402 with that model's price, the asset and its EIP-712 domain", async () => {
    for (const [modelId, amount] of [
      ["priced", "10000"],
      ["dear", "30000"],
    ]) {
      const response = await post({ modelId });
      expect(response.status).toBe(402);
      const required = decodePaymentRequiredHeader(response.headers.get("payment-required")!);
      expect(required.x402Version).toBe(2);
      expect(required.accepts).toEqual([
        {
          scheme: "exact",
          network: "eip155:31337",
          asset,
          amount,
          payTo,
          maxTimeoutSeconds: 300,
          extra: { name: "USD Coin (Devnet)", version: "1" },
        },
      ]);
    }
  });

  it("answers a verified payment once it settles, with PAYMENT-RESPONSE naming the transaction", async () => {
    const response = await post({ modelId: "priced" }, { "PAYMENT-SIGNATURE": await paymentFor("priced") });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ output: { raw: ["1"] } });
    expect(decodePaymentResponseHeader(response.headers.get("payment-response")!)).toMatchObject({
      success: true,
      transaction: TX,
    });
  });

  it("sends no answer when the settlement fails, and settles nothing the handler refused", async () => {
    facilitator.answers.settle = {
      success: false,
      transaction: "",
      errorReason: "invalid_exact_evm_nonce_already_used",
    } as never;
    try {
      const failed = await post({ modelId: "priced" }, { "PAYMENT-SIGNATURE": await paymentFor("priced") });
      expect(failed.status).toBe(402);
      expect(await failed.text()).not.toContain("output");
    } finally {
      facilitator.answers.settle = { success: true, transaction: TX };
    }
    const settles = () => facilitator.calls.filter((call) => call === "POST /settle").length;
    const before = settles();
    const refused = await post(
      { modelId: "priced", input: "bad" },
      { "PAYMENT-SIGNATURE": await paymentFor("priced") },
    );
    expect(refused.status).toBe(400);
    expect(settles()).toBe(before);
    expect(handled).toBeGreaterThan(0);
  });
});

describe("checkFacilitator", () => {
  it("accepts a facilitator that settles exact on the network; names WORKER_FACILITATOR_URL otherwise", async () => {
    const facilitator = await fakeFacilitator();
    try {
      await expect(checkFacilitator({ url: facilitator.url, network: "eip155:31337" })).resolves.toBeUndefined();
      const error = await checkFacilitator({ url: facilitator.url, network: "eip155:8453" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FacilitatorUnusableError);
      expect(String(error)).toMatch(/WORKER_FACILITATOR_URL=.*does not settle the x402 v2 exact scheme on eip155:8453/);
    } finally {
      facilitator.server.close();
    }
    const down = await checkFacilitator({ url: "http://127.0.0.1:1", network: "eip155:31337" }).catch(
      (e: unknown) => e,
    );
    expect(String(down)).toMatch(/does not answer GET \/supported[\s\S]*convergence facilitator/);
  });
});
