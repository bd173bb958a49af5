import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  agentRegistryAbi,
  devnetAccounts,
  inferenceEscrowAbi,
  reputationRegistryAbi,
  usdcAbi,
} from "@convergence/contracts";
import { terminateCurve } from "@convergence/zk";
import { type Abi, type Address, type Hex, parseEventLogs } from "viem";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createClients } from "../../client/createClients.ts";
import type { WriteClient } from "../../client/types.ts";
import { MarketJobRefundedError } from "../../errors/market.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";
import { setAgentUri } from "../agents/setAgentUri.ts";
import { buildWorkerRegistration } from "../market/buildWorkerRegistration.ts";
import { discoverWorkers } from "../market/discoverWorkers.ts";
import { WORKER_CHALLENGE_HEADER, workerIdentityMessage } from "../worker/workerIdentityMessage.ts";
import { fulfillJob } from "./fulfillJob.ts";
import { getJob } from "./getJob.ts";
import { setupInferenceMarket, setupPinnedModel } from "./inferenceTestKit.ts";
import { type RequestInferenceStep, requestInference } from "./requestInference.ts";

type Behaviour = "prove" | "silent" | "cheat" | "refuse";
type StandIn = { agentId: bigint; url: string; account: Address; deliveries: bigint[]; errors: unknown[] };

/**
 * requestInference's market mode on the SDK's Hardhat node, with stand-in workers that answer as the worker's API does
 * (identity challenge signed by their agent wallet, registration file as their agentURI) and behave each one way: one
 * proves for real (snarkjs proof, fulfil from its own wallet), one takes the input and never proves (a no-show: a dead
 * worker, or one whose fulfil is refused on-chain, looks the same from the requester), one refuses the input. Windows
 * are judged by block time; this node mines on demand, so each idle window ends with the requester's own zero-value
 * transfer after 15 s without a block. The real worker processes run the same flow in test/market/sdkMarket.test.ts.
 */
describe("requestInference in market mode: choose, fail over, feedback, refund", () => {
  const rpcUrl = inject("rpcUrl");
  let market: Awaited<ReturnType<typeof setupInferenceMarket>>;
  let pinned: Awaited<ReturnType<typeof setupPinnedModel>>;
  let token: Address;
  let fromBlock: bigint;
  const servers: Server[] = [];
  const standIns: Record<Behaviour, StandIn> = {} as Record<Behaviour, StandIn>;
  const accounts = devnetAccounts({ count: 20 });
  const wallet = (index: number): WriteClient =>
    createClients({ rpcUrl, chainId: 31337, account: accounts[index]! }).walletClient!;
  const input = [128n, -307n, 77n, 0n, 26n, 0n, 256n, -128n];
  const amount = 2_000_000n;

  /** Registers an agent for devnet account `index` and serves a worker API that behaves as `behaviour`. */
  const startStandIn = async (index: number, behaviour: Behaviour, price: bigint): Promise<StandIn> => {
    const client = wallet(index);
    const { receipt } = await writeContractAndWait({
      client,
      contract: "AgentRegistry",
      address: market.contracts.AgentRegistry,
      abi: agentRegistryAbi as Abi,
      functionName: "register",
      args: ["data:application/json;base64,e30="],
    });
    const agentId = parseEventLogs({ abi: agentRegistryAbi, eventName: "Registered", logs: receipt.logs })[0]!.args
      .agentId;
    const standIn: StandIn = { agentId, url: "", account: client.account.address, deliveries: [], errors: [] };
    const server = createServer(async (req, res) => {
      let text = "";
      for await (const chunk of req) text += chunk;
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.method === "GET" && req.url === "/v1/models") {
        const challenge = req.headers[WORKER_CHALLENGE_HEADER] as Hex;
        const message = workerIdentityMessage({
          chainId: 31337,
          agentRegistry: market.contracts.AgentRegistry,
          agentId,
          challenge,
        });
        return send(200, {
          models: [
            {
              name: "pinned-test",
              kind: "mlp",
              version: "1",
              modelId: pinned.modelId.toString(),
              agentId: agentId.toString(),
              shape: [8, 16, 3],
              scale: 8,
              labels: ["a", "b", "c"],
              features: null,
              commitment: pinned.commitment.toString(),
              minPrice: "0.3",
              identity: { challenge, signature: await accounts[index]!.signMessage({ message }) },
            },
          ],
        });
      }
      const match = /^\/v1\/jobs\/(\d+)\/input$/.exec(req.url ?? "");
      if (req.method !== "POST" || !match) return send(404, { error: { code: "NOT_FOUND", message: "no route" } });
      const jobId = BigInt(match[1]!);
      standIn.deliveries.push(jobId);
      if (behaviour === "refuse") {
        return send(409, { error: { code: "JOB_CONFLICT", message: `job ${jobId}: not taking it` } });
      }
      send(202, { jobId: String(jobId), state: "received" });
      if (behaviour === "silent") return;
      try {
        const body = JSON.parse(text) as { input: number[]; salt: string };
        const { calldata } = await pinned.proveFor({
          jobId,
          input: body.input.map(BigInt),
          salt: BigInt(body.salt),
          // A cheat proves for a binding that is not its own (another worker's): the attestor refuses it on-chain.
          worker: behaviour === "cheat" ? accounts[19]!.address : client.account.address,
        });
        await fulfillJob({ client, escrow: market.contracts.InferenceEscrow, jobId, workerAgentId: agentId, calldata });
      } catch (error) {
        standIn.errors.push(error);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const file = buildWorkerRegistration({
      endpoint: standIn.url,
      agentId,
      chainId: 31337,
      agentRegistry: market.contracts.AgentRegistry,
      models: [
        {
          name: "pinned-test",
          modelId: pinned.modelId,
          commitment: pinned.commitment,
          vkeyHash: pinned.registration.vkeyHash,
          verifier: pinned.verifier,
          price,
          token,
        },
      ],
    });
    await setAgentUri({
      client,
      registry: market.contracts.AgentRegistry,
      agentId,
      agentURI: `data:application/json;base64,${Buffer.from(JSON.stringify(file)).toString("base64")}`,
    });
    return standIn;
  };

  beforeAll(async () => {
    market = await setupInferenceMarket();
    pinned = await setupPinnedModel({ market });
    token = await market.publicClient.readContract({
      address: market.contracts.InferenceEscrow,
      abi: inferenceEscrowAbi,
      functionName: "token",
    });
    fromBlock = (await market.publicClient.getBlockNumber()) + 1n;
    // Prices: the silent one is the cheapest (chosen first), then the cheat, the refuser, the prover.
    standIns.silent = await startStandIn(15, "silent", 300_000n);
    standIns.cheat = await startStandIn(18, "cheat", 320_000n);
    standIns.refuse = await startStandIn(16, "refuse", 350_000n);
    standIns.prove = await startStandIn(17, "prove", 400_000n);
  });
  afterAll(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    await terminateCurve();
  });

  const usdcOf = (address: Address) =>
    market.publicClient.readContract({
      address: market.contracts.USDC,
      abi: usdcAbi,
      functionName: "balanceOf",
      args: [address],
    });
  const feedbackOf = async (agentId: bigint) => {
    const [, , values, , , tag2s] = await market.publicClient.readContract({
      address: market.contracts.ReputationRegistry,
      abi: reputationRegistryAbi,
      functionName: "readAllFeedback",
      args: [agentId, [market.requester.account.address], "successRate", "", false],
    });
    return values.map((value, i) => [value, tag2s[i]!] as const);
  };
  const request = (overrides: Partial<Parameters<typeof requestInference>[0]>) =>
    requestInference({
      publicClient: market.publicClient,
      walletClient: market.requester,
      escrow: market.contracts.InferenceEscrow,
      pin: pinned.pin,
      input,
      amount,
      outputScales: 8,
      exclusiveSeconds: 3,
      deadlineSeconds: 60,
      timeoutMs: 120_000,
      market: { contracts: market.contracts, fromBlock, modelName: "pinned-test" },
      ...overrides,
    });

  it("the cheapest takes the input and never proves, the next one's fulfil is refused on-chain, the next refuses the input; the one after proves and is paid", {
    timeout: 180_000,
  }, async () => {
    const parties = [
      market.requester.account.address,
      standIns.silent.account,
      standIns.cheat.account,
      standIns.prove.account,
    ];
    const before = await Promise.all([...parties, market.contracts.InferenceEscrow].map(usdcOf));
    const steps: string[] = [];
    const result = await request({
      // Long enough for the prover's real proof on a busy machine (the no-show's window is judged the same way).
      exclusiveSeconds: 10,
      onStep: async (step: RequestInferenceStep, run) => {
        steps.push(
          step.name === "deliver" || step.name === "feedback" ? `${step.name}:${step.workerAgentId}` : step.name,
        );
        return run();
      },
    });
    const [silent, cheat, refuse, prove] = [
      standIns.silent.agentId,
      standIns.cheat.agentId,
      standIns.refuse.agentId,
      standIns.prove.agentId,
    ];
    // silent (no-show) -> cheat (its fulfil reverts: a no-show too) -> refuse (refuses the input: no wait) -> prove.
    expect(steps).toEqual([
      "choose",
      "open",
      `deliver:${silent}`,
      "attest",
      "failover",
      `deliver:${cheat}`,
      "attest",
      "failover",
      `deliver:${refuse}`,
      "attest",
      "failover",
      `deliver:${prove}`,
      "attest",
      `feedback:${silent}`,
      `feedback:${cheat}`,
      `feedback:${refuse}`,
      `feedback:${prove}`,
    ]);
    expect(result.attempts.map((a) => [a.workerAgentId, a.outcome])).toEqual([
      [silent, "noShow"],
      [cheat, "noShow"],
      [refuse, "badDelivery"],
      [prove, "fulfilled"],
    ]);
    expect(result.worker?.agentId).toBe(prove);
    expect(result.attestation.worker).toBe(standIns.prove.account);
    expect(
      await getJob({ client: market.publicClient, escrow: market.contracts.InferenceEscrow, jobId: result.jobId }),
    ).toMatchObject({ status: "fulfilled", workerAgentId: prove, exclusiveUntil: expect.any(BigInt) });
    expect(standIns.prove.errors).toEqual([]);
    expect(standIns.cheat.errors).toHaveLength(1);
    expect(String(standIns.cheat.errors[0])).toMatch(/InferenceAttestorBindingMismatch/);

    expect(result.feedback.map((f) => [f.workerAgentId, f.value, f.tag2.replace(/\d+$/, "N"), f.error])).toEqual([
      [silent, 0n, "noShow", undefined],
      [cheat, 0n, "noShow", undefined],
      [refuse, 0n, "badDelivery", undefined],
      [prove, 100n, "latencyMs:N", undefined],
    ]);
    expect(await feedbackOf(silent)).toEqual([[0n, "noShow"]]);
    expect(await feedbackOf(cheat)).toEqual([[0n, "noShow"]]);
    expect(await feedbackOf(refuse)).toEqual([[0n, "badDelivery"]]);
    expect(await feedbackOf(prove)).toEqual([[100n, result.feedback[3]!.tag2]]);

    // The requester paid once, the prover was paid, the no-show and the cheat nothing; the escrow holds nothing more.
    const after = await Promise.all([...parties, market.contracts.InferenceEscrow].map(usdcOf));
    expect(after).toEqual([before[0]! - amount, before[1], before[2], before[3]! + amount, before[4]]);

    // The next request: the two that failed are below the floor (0% over one trusted feedback), the prover is chosen.
    const listings = await discoverWorkers({
      publicClient: market.publicClient,
      contracts: market.contracts,
      fromBlock,
      pin: pinned.pin,
      trustedClients: [market.requester.account.address],
      // Two blocks per eth_getLogs call: the agents' and the job's events come from many pages.
      logRange: 2n,
    });
    const byId = new Map(listings.map((l) => [l.agentId, l]));
    expect(byId.get(silent)).toMatchObject({
      reputation: { count: 1, successRate: 0 },
      stats: { reserved: 1, failedOver: 1, open: 0 },
    });
    expect(byId.get(prove)).toMatchObject({ reputation: { count: 1, successRate: 100 }, stats: { fulfilled: 1 } });
    expect(byId.get(prove)!.reputation.medianLatencyMs).toBeGreaterThan(0);
  });

  it("two requests at once from one requester: both choose the prover (the others are below the floor), both settle", {
    timeout: 180_000,
  }, async () => {
    const requester = market.requester.account.address;
    const before = await usdcOf(requester);
    const results = await Promise.all([request({}), request({})]);
    expect(results.map((r) => r.worker?.agentId)).toEqual([standIns.prove.agentId, standIns.prove.agentId]);
    expect(new Set(results.map((r) => r.jobId)).size).toBe(2);
    for (const result of results) {
      expect(result.attempts.map((a) => a.outcome)).toEqual(["fulfilled"]);
      expect(result.feedback.map((f) => [f.workerAgentId, f.value, f.error])).toEqual([
        [standIns.prove.agentId, 100n, undefined],
      ]);
    }
    expect(await usdcOf(requester)).toBe(before - 2n * amount);
  });

  it("nobody proves by the deadline: the payment is refunded, each tried worker gets its failure feedback", {
    timeout: 180_000,
  }, async () => {
    const requester = market.requester.account.address;
    const before = await usdcOf(requester);
    const listings = await discoverWorkers({
      publicClient: market.publicClient,
      contracts: market.contracts,
      fromBlock,
      pin: pinned.pin,
      trustedClients: [requester],
    });
    const error = await request({
      deadlineSeconds: 30,
      market: {
        contracts: market.contracts,
        fromBlock,
        // Without the prover, and with a floor that the earlier failures do not go below.
        listings: listings.filter(
          (l) => l.agentId === standIns.silent.agentId || l.agentId === standIns.refuse.agentId,
        ),
        reputationFloor: 0,
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarketJobRefundedError);
    const { jobId, attempts } = error as MarketJobRefundedError;
    expect(attempts.map((a) => [a.agentId, a.outcome])).toEqual([
      [standIns.silent.agentId, "noShow"],
      [standIns.refuse.agentId, "badDelivery"],
    ]);
    expect(
      await getJob({ client: market.publicClient, escrow: market.contracts.InferenceEscrow, jobId }),
    ).toMatchObject({
      status: "refunded",
    });
    expect(await usdcOf(requester)).toBe(before);
    expect((await feedbackOf(standIns.silent.agentId)).map(([, tag]) => tag)).toEqual(["noShow", "noShow"]);
    expect((await feedbackOf(standIns.refuse.agentId)).map(([, tag]) => tag)).toEqual(["badDelivery", "badDelivery"]);
  });
});
