import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  agentRegistryAbi,
  devnetAccounts,
  inferenceEscrowAbi,
  usdcAbi,
  validationRegistryAbi,
} from "@convergence/contracts";
import { hashVerificationKey, type VerificationKey } from "@convergence/zk";
import { type Abi, type Address, type Hex, keccak256, parseEventLogs, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createClients } from "../../client/createClients.ts";
import type { ReadClient, WriteClient } from "../../client/types.ts";
import { MarketContractsMismatchError, NoWorkerAvailableError } from "../../errors/market.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";
import { setAgentUri } from "../agents/setAgentUri.ts";
import { requestInference } from "../inference/requestInference.ts";
import { WORKER_CHALLENGE_HEADER, workerIdentityMessage } from "../worker/workerIdentityMessage.ts";
import { buildWorkerRegistration } from "./buildWorkerRegistration.ts";
import { chooseWorker } from "./chooseWorker.ts";
import { discoverWorkers } from "./discoverWorkers.ts";
import type { WorkerRegistration } from "./workerRegistration.ts";

/** A stand-in verification key: discovery only hashes it (the worker's file claims a vkeyHash). */
const verificationKey = {
  protocol: "groth16",
  curve: "bn128",
  nPublic: 6,
  tag: "discover-test",
} as unknown as VerificationKey;
const otherKey = { ...verificationKey, tag: "another key" } as unknown as VerificationKey;
const commitment = 123_456_789n;

/**
 * Discovery against hostile registration files, on the SDK's Hardhat node: agents registered by accounts 14-19 (the
 * other SDK tests use 0-13), each pointing its agentURI at a data: URI (or a dead URL) with a file of its own making.
 * Only the honest file is listed; each other agent is skipped with its reason, nothing thrown. A listed worker that fails
 * the identity challenge is skipped before anything is paid.
 */
describe("discoverWorkers: only files that name this agent and this registry and match the pin", () => {
  const rpcUrl = inject("rpcUrl");
  const deployment = inject("deployment");
  const contracts = deployment.contracts;
  const accounts = devnetAccounts({ count: 20 });
  const { publicClient } = createClients({ rpcUrl, chainId: 31337 });
  const wallet = (index: number): WriteClient =>
    createClients({ rpcUrl, chainId: 31337, account: accounts[index]! }).walletClient!;
  let fromBlock: bigint;
  let token: Address;
  let server: Server;
  let fakeUrl: string;
  const posts: string[] = [];
  const agents: Record<string, bigint> = {};

  const register = async (index: number): Promise<bigint> => {
    const { receipt } = await writeContractAndWait({
      client: wallet(index),
      contract: "AgentRegistry",
      address: contracts.AgentRegistry,
      abi: agentRegistryAbi as Abi,
      functionName: "register",
      args: ["data:application/json;base64,e30="],
    });
    return parseEventLogs({ abi: agentRegistryAbi, eventName: "Registered", logs: receipt.logs })[0]!.args.agentId;
  };
  const dataUri = (file: WorkerRegistration | Record<string, unknown>) =>
    `data:application/json;base64,${Buffer.from(JSON.stringify(file)).toString("base64")}`;
  const fileFor = ({
    agentId,
    registry = contracts.AgentRegistry,
    modelCommitment = commitment,
    key = verificationKey,
    endpoint = fakeUrl,
    price = 400_000n,
  }: {
    agentId: bigint;
    registry?: Address;
    modelCommitment?: bigint;
    key?: VerificationKey;
    endpoint?: string;
    price?: bigint;
  }) =>
    buildWorkerRegistration({
      endpoint,
      agentId,
      chainId: 31337,
      agentRegistry: registry,
      models: [
        {
          name: "risk-v1",
          modelId: 1n,
          commitment: modelCommitment,
          vkeyHash: hashVerificationKey(key),
          verifier: "0x00000000000000000000000000000000000000A1",
          price,
          token,
        },
      ],
    });

  beforeAll(async () => {
    token = await publicClient.readContract({
      address: contracts.InferenceEscrow,
      abi: inferenceEscrowAbi,
      functionName: "token",
    });
    // A worker that names agent `honest` but signs challenges with a key that is not its wallet.
    const impostor = privateKeyToAccount(toHex(accounts[19]!.getHdKey().privateKey!));
    server = createServer(async (req, res) => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.method !== "GET") posts.push(`${req.method} ${req.url}`);
      if (req.method === "GET" && req.url === "/v1/models") {
        const challenge = req.headers[WORKER_CHALLENGE_HEADER] as Hex;
        const agentId = agents.honest!;
        const message = workerIdentityMessage({
          chainId: 31337,
          agentRegistry: contracts.AgentRegistry,
          agentId,
          challenge,
        });
        return send(200, {
          models: [
            {
              name: "risk-v1",
              kind: "mlp",
              version: "1",
              modelId: "1",
              agentId: agentId.toString(),
              shape: [8, 16, 3],
              scale: 8,
              labels: ["a", "b", "c"],
              features: null,
              commitment: commitment.toString(),
              minPrice: "0.4",
              identity: { challenge, signature: await impostor.signMessage({ message }) },
            },
          ],
        });
      }
      return send(404, { error: { code: "NOT_FOUND", message: "nothing here" } });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    fakeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    fromBlock = (await publicClient.getBlockNumber()) + 1n;
    const parties = ["honest", "otherAgent", "otherRegistry", "otherCommitment", "otherKey", "dead"] as const;
    for (const [i, name] of parties.entries()) agents[name] = await register(14 + i);
    const files: Record<(typeof parties)[number], string> = {
      honest: dataUri(fileFor({ agentId: agents.honest! })),
      // Copies the honest worker's file: it names the honest agent, not this one.
      otherAgent: dataUri(fileFor({ agentId: agents.honest! })),
      otherRegistry: dataUri(fileFor({ agentId: agents.otherRegistry!, registry: contracts.ValidationRegistry })),
      otherCommitment: dataUri(fileFor({ agentId: agents.otherCommitment!, modelCommitment: commitment + 1n })),
      otherKey: dataUri(fileFor({ agentId: agents.otherKey!, key: otherKey })),
      // Nothing listens on the discard port of the loopback: the fetch is refused.
      dead: "http://127.0.0.1:9/.well-known/agent-registration.json",
    };
    for (const [i, name] of parties.entries()) {
      await setAgentUri({
        client: wallet(14 + i),
        registry: contracts.AgentRegistry,
        agentId: agents[name]!,
        agentURI: files[name],
      });
    }
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it("lists the honest file's worker and records why each other agent is skipped", async () => {
    const requester = accounts[3]!.address;
    const listings = await discoverWorkers({
      publicClient,
      contracts,
      fromBlock,
      pin: { commitment, verificationKey },
      trustedClients: [requester],
      logRange: 3n,
    });
    expect(listings.map((l) => l.agentId)).toEqual([agents.honest]);
    expect(listings[0]).toMatchObject({
      agentId: agents.honest,
      owner: accounts[14]!.address,
      wallet: accounts[14]!.address,
      url: fakeUrl,
      model: { name: "risk-v1", modelId: 1n, price: 400_000n },
      reputation: { count: 0, successRate: undefined, medianLatencyMs: undefined },
      validations: 0,
      stats: { reserved: 0, fulfilled: 0, failedOver: 0, open: 0 },
    });
    const why = Object.fromEntries(listings.skipped.map(({ agentId, reason }) => [agentId.toString(), reason]));
    expect(why[agents.otherAgent!.toString()]).toMatch(/does not name agent/);
    expect(why[agents.otherRegistry!.toString()]).toMatch(/does not name agent .* eip155:31337:/);
    expect(why[agents.otherCommitment!.toString()]).toMatch(/no model entry with the pinned commitment/);
    expect(why[agents.otherKey!.toString()]).toMatch(/no model entry with the pinned commitment/);
    expect(why[agents.dead!.toString()]).toMatch(/^unreachable: /);
    expect(chooseWorker({ listings, maxPrice: 500_000n })?.agentId).toBe(agents.honest);
    expect(chooseWorker({ listings, maxPrice: 399_999n })).toBeUndefined();
  });

  it("records one agent's failed read in skipped instead of aborting discovery", async () => {
    // The same node, except that one agent's tokenURI read fails (a unit-test double of one method).
    const failing = {
      ...publicClient,
      readContract: ((args: { functionName: string; args?: readonly unknown[] }) =>
        args.functionName === "tokenURI" && args.args?.[0] === agents.otherKey
          ? Promise.reject(new Error("node hiccup"))
          : publicClient.readContract(args as never)) as ReadClient["readContract"],
    } as ReadClient;
    const listings = await discoverWorkers({
      publicClient: failing,
      contracts,
      fromBlock,
      pin: { commitment, verificationKey },
      trustedClients: [accounts[3]!.address],
    });
    expect(listings.map((l) => l.agentId)).toEqual([agents.honest]);
    const why = Object.fromEntries(listings.skipped.map(({ agentId, reason }) => [agentId.toString(), reason]));
    expect(why[agents.otherKey!.toString()]).toMatch(/^unreadable: node hiccup/);
    expect(why[agents.dead!.toString()]).toMatch(/^unreachable: /);
  });

  it("counts validations as the jobs the attestor settled for the agent, not requests filed into the ValidationRegistry", async () => {
    // The agent's owner files a validation request for itself (anyone authorised can, as often as it likes).
    await writeContractAndWait({
      client: wallet(14),
      contract: "ValidationRegistry",
      address: contracts.ValidationRegistry,
      abi: validationRegistryAbi as Abi,
      functionName: "validationRequest",
      args: [accounts[14]!.address, agents.honest!, "self", keccak256(toHex(`self-${agents.honest}`))],
    });
    const listings = await discoverWorkers({
      publicClient,
      contracts,
      fromBlock,
      pin: { commitment, verificationKey },
      trustedClients: [accounts[3]!.address],
    });
    expect(listings[0]).toMatchObject({ agentId: agents.honest, validations: 0, stats: { fulfilled: 0 } });
  });

  it("refuses registry addresses that do not match the escrow's and the ReputationRegistry's: MarketContractsMismatchError", async () => {
    const discover = (overrides: Partial<typeof contracts>) =>
      discoverWorkers({
        publicClient,
        contracts: { ...contracts, ...overrides },
        fromBlock,
        pin: { commitment, verificationKey },
        trustedClients: [],
      }).catch((e: unknown) => e);
    const wrongAgents = await discover({ AgentRegistry: contracts.ValidationRegistry });
    expect(wrongAgents).toBeInstanceOf(MarketContractsMismatchError);
    expect((wrongAgents as Error).message).toContain(`AgentRegistry is ${contracts.ValidationRegistry}`);
    expect((wrongAgents as Error).message).toContain(contracts.AgentRegistry);
    const wrongReputation = await discover({ ReputationRegistry: contracts.InferenceEscrow });
    expect(wrongReputation).toBeInstanceOf(MarketContractsMismatchError);
    expect((wrongReputation as Error).message).toMatch(/ReputationRegistry cannot be read/);
  });

  it("market mode skips a worker that fails the identity challenge before paying: NoWorkerAvailableError, no job", async () => {
    const requester = wallet(3);
    const balance = () =>
      publicClient.readContract({
        address: contracts.USDC,
        abi: usdcAbi,
        functionName: "balanceOf",
        args: [requester.account.address],
      });
    const jobCount = () =>
      publicClient.readContract({
        address: contracts.InferenceEscrow,
        abi: inferenceEscrowAbi,
        functionName: "jobCount",
      });
    const [paidBefore, jobsBefore] = [await balance(), await jobCount()];
    const error = await requestInference({
      publicClient,
      walletClient: requester,
      escrow: contracts.InferenceEscrow,
      pin: { commitment, verificationKey, contributors: [] },
      input: [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n],
      amount: 1_000_000n,
      outputScales: 8,
      market: { contracts, fromBlock, modelName: "risk-v1" },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoWorkerAvailableError);
    expect((error as NoWorkerAvailableError).found).toBe(1);
    expect((error as NoWorkerAvailableError).message).toMatch(
      new RegExp(`agent ${agents.honest} \\(${fakeUrl}\\): .*identity signature is by ${accounts[19]!.address}`),
    );
    expect(posts).toEqual([]);
    expect(await balance()).toBe(paidBefore);
    expect(await jobCount()).toBe(jobsBefore);
  });
});
