import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { devnetAccounts } from "@convergence/contracts";
import { createClients } from "@convergence/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { InferenceUnavailableError, UnsupportedSubjectError } from "../errors/inference.ts";
import { requestRiskInference } from "./requestRiskInference.ts";

// The paid path (escrow, worker, attestation) runs on a live chain in <repo>/test/agent/verifiedInference.test.ts;
// here, the refusals that must happen before anything is read or paid. Nothing listens at these URLs.
const { publicClient, walletClient } = createClients({
  rpcUrl: "http://127.0.0.1:9",
  chainId: 31337,
  account: devnetAccounts({ count: 1 })[0]!,
});
const address = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as const;
const contracts = {
  Pool: address(1),
  WETH: address(2),
  USDC: address(3),
  AgentRegistry: address(6),
  InferenceEscrow: address(4),
  InferenceAttestor: address(5),
};
const base = {
  publicClient,
  walletClient: walletClient!,
  contracts,
  workerUrl: "http://127.0.0.1:9",
  model: "risk-v1",
  maxPayment: "2",
};

describe("requestRiskInference", () => {
  it("refuses a subject other than WETH/USDC, naming what is supported", async () => {
    await expect(requestRiskInference({ ...base, subject: "ETH/WETH" })).rejects.toThrow(UnsupportedSubjectError);
    await expect(requestRiskInference({ ...base, subject: "ETH/WETH" })).rejects.toThrow(
      'Cannot score "ETH/WETH": only WETH/USDC can be read from the chain.',
    );
  });
  it("refuses a deployment without the inference market", async () => {
    const { InferenceEscrow: _, ...partial } = contracts;
    await expect(requestRiskInference({ ...base, contracts: partial, subject: "WETH/USDC" })).rejects.toThrow(
      InferenceUnavailableError,
    );
  });
  it("without a worker URL (the market), refuses a deployment without the market's registries, before reading or paying", async () => {
    const { workerUrl: _, ...market } = base;
    const attempt = requestRiskInference({ ...market, subject: "WETH/USDC" });
    await expect(attempt).rejects.toThrow(InferenceUnavailableError);
    await expect(requestRiskInference({ ...market, subject: "WETH/USDC" })).rejects.toThrow(
      /no worker is named \(CONVERGENCE_WORKER_URL\) and this deployment has no ReputationRegistry \/ ValidationRegistry/,
    );
  });
  it("names the worker URL when no worker answers, before paying", async () => {
    await expect(requestRiskInference({ ...base, subject: "usdc/weth" })).rejects.toThrow(/127\.0\.0\.1:9/);
  });
  describe("with a worker that does not prove which agent it is", () => {
    let server: Server | undefined;
    let agentId: string | undefined;
    afterAll(() => new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined))));
    it.each([
      // A worker from before issue #14: no agentId.
      [undefined, "agentId"],
      // An agent id, but no signature over the challenge: the worker's word only.
      ["4", "identity"],
    ])("agent id %j: refuses before reading the chain or paying, naming the missing %s", async (id, field) => {
      agentId = id;
      // A stand-in answering GET /v1/models; nothing else answers, and nothing listens at the RPC URL.
      server ??= createServer((_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            models: [
              {
                name: "risk-v1",
                kind: "mlp",
                version: "1.0.0",
                modelId: "1",
                shape: [8, 16, 3],
                scale: 8,
                labels: ["low", "medium", "high"],
                features: null,
                commitment: "1",
                ...(agentId === undefined ? {} : { agentId }),
              },
            ],
          }),
        );
      }).listen(0, "127.0.0.1");
      if (!server.listening) await new Promise((resolve) => server!.once("listening", resolve));
      const workerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const error = await requestRiskInference({ ...base, workerUrl, subject: "WETH/USDC" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InferenceUnavailableError);
      expect((error as Error).message).toContain(
        `does not prove which ERC-8004 agent it is (GET /v1/models ${field}), so the job cannot be reserved for it`,
      );
    });
  });
});
