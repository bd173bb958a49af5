import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { inferenceEscrowAbi, usdcAbi } from "@convergence/contracts";
import { loadModel } from "@convergence/models";
import { openJob, WORKER_CHALLENGE_HEADER, workerIdentityMessage } from "@convergence/sdk";
import { commitInput, randomSalt } from "@convergence/zk";
import type { Address, Hex, LocalAccount } from "viem";
import type { Devnet } from "../helpers/startDevnet.ts";

/**
 * The parties of the adversarial suite, as devnet account indexes. 0, 1, 2 and 3 are the roles the stack names
 * (requester, agent, worker, publisher); 4 is the funded attacker; 5 and 6 are strangers with ETH but no USDC.
 */
export const PARTY = {
  requester: 0,
  agent: 1,
  worker: 2,
  publisher: 3,
  attacker: 4,
  stranger: 5,
  squatter: 6,
} as const;

/** An address's devnet USDC balance, in base units (6 decimals). */
export function usdcOf(devnet: Devnet, address: Address): Promise<bigint> {
  return devnet.publicClient.readContract({
    address: devnet.deployment.contracts.USDC,
    abi: usdcAbi,
    functionName: "balanceOf",
    args: [address],
  });
}

/** How many jobs the escrow has opened (job ids run 1..jobCount). */
export function jobCount(devnet: Devnet): Promise<bigint> {
  return devnet.publicClient.readContract({
    address: devnet.deployment.contracts.InferenceEscrow,
    abi: inferenceEscrowAbi,
    functionName: "jobCount",
  });
}

/** One JSON-RPC call to the devnet's Hardhat node (its evm_* methods, which viem's clients do not wrap). */
export async function rpc(devnet: Devnet, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(devnet.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method} failed: ${body.error.message}`);
  return body.result;
}

/**
 * Runs `body` with automining off, so the transactions sent meanwhile wait in the node's mempool (a fulfil that is
 * sent but not yet mined), then mines them and turns automining back on, even if `body` throws.
 */
export async function withAutomineOff<T>(devnet: Devnet, body: () => Promise<T>): Promise<T> {
  await rpc(devnet, "evm_setAutomine", [false]);
  try {
    return await body();
  } finally {
    await rpc(devnet, "evm_setAutomine", [true]);
    await rpc(devnet, "evm_mine");
  }
}

/** Polls `read` every `intervalMs` until `done` holds for its value; throws naming `what` after `timeoutMs`. */
export async function waitUntil<T>({
  read,
  done,
  what,
  timeoutMs,
  intervalMs = 100,
}: {
  read: () => Promise<T>;
  done: (value: T) => boolean;
  what: string;
  timeoutMs: number;
  intervalMs?: number;
}): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until)
      throw new Error(`${what}: not within ${timeoutMs / 1000} s; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Opens an escrow job with the SDK as any holder of USDC can (no worker asked, no pin checked): a random salt, a
 * permit, a deadline `deadlineIn` seconds after the latest block. Returns what delivering the input needs.
 */
export async function openRawJob({
  devnet,
  party,
  modelId,
  input,
  amount,
  deadlineIn = 600n,
  workerAgentId,
}: {
  devnet: Devnet;
  party: number;
  modelId: bigint;
  input: readonly bigint[];
  amount: bigint;
  deadlineIn?: bigint;
  workerAgentId?: bigint;
}): Promise<{ jobId: bigint; salt: bigint; input: readonly bigint[] }> {
  const salt = randomSalt();
  const { timestamp } = await devnet.publicClient.getBlock();
  const { jobId } = await openJob({
    client: devnet.wallets[party]!,
    escrow: devnet.deployment.contracts.InferenceEscrow,
    modelId,
    inputCommitment: await commitInput({ input, salt }),
    amount,
    deadline: timestamp + deadlineIn,
    payment: "permit",
    ...(workerAgentId === undefined ? {} : { workerAgentId }),
  });
  return { jobId, salt, input };
}

/** The error a promise rejects with, or a failure naming what was expected if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(
        `expected a rejection, got ${JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `${v}` : v))}`,
      );
    },
    (error: unknown) => error,
  );
}

/**
 * An attacker's "verifier" for a model with 3 outputs: snarkjs' Groth16 interface (as InferenceAttestor calls it),
 * accepting every proof. Compiled with zk's compileVerifier, like an honest one.
 */
export const ACCEPT_ALL_VERIFIER = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.0;

contract AcceptAllVerifier {
    function verifyProof(uint256[2] calldata, uint256[2][2] calldata, uint256[2] calldata, uint256[6] calldata)
        external
        pure
        returns (bool)
    {
        return true;
    }
}
`;

export type FakeWorker = {
  url: string;
  /** The POSTs it received (method and path): an input delivered to it would be a requester that paid. */
  deliveries: () => string[];
  stop: () => Promise<void>;
};

/**
 * A hostile worker's HTTP API, in this process: GET /healthz and GET /v1/models advertise risk-v1 (the bundled
 * manifest's shape, scale, labels, features and commitment) under the attacker's model id and agent id. With
 * `identity`, it answers a requester's challenge as a worker does, signing `workerIdentityMessage` for that agent id
 * with `identity.signer` (the attacker's own key: it holds no other). With `registration`, it serves that ERC-8004
 * registration file at GET /.well-known/agent-registration.json, as a market worker does (read when asked, so it may be
 * set after the agent is registered). With `onInput`, it takes a job's input as a worker does (202 and a job view) and
 * hands it to `onInput`, which may do what it likes with it. It answers nothing else (404), and records every POST.
 */
export async function startFakeWorker({
  modelId,
  agentId,
  identity,
  chainId = 31337,
  registration,
  onInput,
}: {
  modelId: bigint;
  agentId: bigint | (() => bigint);
  identity?: { signer: LocalAccount; agentRegistry: Address };
  chainId?: number;
  registration?: () => unknown;
  onInput?: (delivery: { jobId: bigint; input: bigint[]; salt: bigint }) => void;
}): Promise<FakeWorker> {
  const agentIdNow = () => (typeof agentId === "bigint" ? agentId : agentId());
  const { manifest } = await loadModel({ name: "risk-v1" });
  const models = () => ({
    models: [
      {
        name: "risk-v1",
        kind: "mlp",
        version: manifest.version,
        description: manifest.description,
        modelId: modelId.toString(),
        agentId: agentIdNow().toString(),
        shape: manifest.shape,
        scale: manifest.scale,
        labels: manifest.labels,
        features: manifest.features ?? null,
        commitment: manifest.commitments.model,
        minPrice: "0.01",
      },
    ],
  });
  const posts: string[] = [];
  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "GET") posts.push(`${req.method} ${req.url}`);
    if (req.method === "GET" && req.url === "/healthz")
      return send(200, { status: "ok", agentId: agentIdNow().toString() });
    if (req.method === "GET" && req.url === "/.well-known/agent-registration.json" && registration) {
      return send(200, registration());
    }
    if (req.method === "GET" && req.url === "/v1/models") {
      const challenge = req.headers[WORKER_CHALLENGE_HEADER] as Hex | undefined;
      if (!challenge || !identity) return send(200, models());
      const message = workerIdentityMessage({
        chainId,
        agentRegistry: identity.agentRegistry,
        agentId: agentIdNow(),
        challenge,
      });
      const signed = { challenge, signature: await identity.signer.signMessage({ message }) };
      return send(200, { models: models().models.map((model) => ({ ...model, identity: signed })) });
    }
    const inputRoute = req.method === "POST" ? /^\/v1\/jobs\/(\d+)\/input$/.exec(req.url ?? "") : null;
    if (inputRoute && onInput) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { input: number[]; salt: string };
      const jobId = BigInt(inputRoute[1]!);
      onInput({ jobId, input: body.input.map((value) => BigInt(value)), salt: BigInt(body.salt) });
      return send(202, {
        jobId: jobId.toString(),
        state: "received",
        model: "risk-v1",
        modelId: modelId.toString(),
        output: null,
        proof: null,
        txHashes: [],
        attempts: 0,
        timings: {},
        error: null,
      });
    }
    return send(404, { error: { code: "NOT_FOUND", message: "nothing here" } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deliveries: () => [...posts],
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
