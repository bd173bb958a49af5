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
import { MarketJobFailedError, MarketJobRefundedError } from "../../errors/market.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";
import { setAgentUri } from "../agents/setAgentUri.ts";
import { buildWorkerRegistration } from "../market/buildWorkerRegistration.ts";
import { discoverWorkers } from "../market/discoverWorkers.ts";
import { WORKER_CHALLENGE_HEADER, workerIdentityMessage } from "../worker/workerIdentityMessage.ts";
import { fulfillJob } from "./fulfillJob.ts";
import { getJob } from "./getJob.ts";
import { setupInferenceMarket, setupPinnedModel } from "./inferenceTestKit.ts";
import { type RequestInferenceStep, requestInference } from "./requestInference.ts";
import { retireModel } from "./retireModel.ts";

type Behaviour = "prove" | "silent" | "impostor" | "cheat" | "refuse" | "hang" | "stale" | "busy";
type StandIn = {
  agentId: bigint;
  url: string;
  account: Address;
  /** Identity challenges received (GET /v1/models). */
  challenges: number;
  deliveries: bigint[];
  errors: unknown[];
};

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
  /** Every stand-in's listed price: what a job pays (at most `amount`). */
  const price = 300_000n;

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
    const standIn: StandIn = {
      agentId,
      url: "",
      account: client.account.address,
      challenges: 0,
      deliveries: [],
      errors: [],
    };
    const server = createServer(async (req, res) => {
      let text = "";
      for await (const chunk of req) text += chunk;
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.method === "GET" && req.url === "/v1/models") {
        standIn.challenges += 1;
        // A hanging worker never answers its identity challenge (a Sybil listing whose endpoint is a black hole).
        if (behaviour === "hang") return;
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
              shape: [8, 12, 3],
              scale: 8,
              labels: ["a", "b", "c"],
              features: null,
              commitment: pinned.commitment.toString(),
              minPrice: "0.3",
              // An impostor signs with a key that is not its agent's wallet: it fails the identity challenge.
              identity: {
                challenge,
                signature: await accounts[behaviour === "impostor" ? 19 : index]!.signMessage({ message }),
              },
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
      // Refused because of the job's state (as a worker whose chain shows it expired or settled): not its doing.
      if (behaviour === "stale") {
        return send(409, { error: { code: "JOB_EXPIRED", message: `job ${jobId} expired` } });
      }
      // Busy for ever: each answer asks to come back in 30 s (the requester must not wait past the window).
      if (behaviour === "busy") {
        res.setHeader("retry-after", "30");
        return send(503, { error: { code: "DRAINING", message: "come back later" } });
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
    // One price for all (the job pays the chosen worker's price, and fails over only to workers at or below it), so
    // the agent id decides among workers without feedback: silent, impostor, cheat, refuse, then the prover.
    standIns.silent = await startStandIn(15, "silent", price);
    standIns.impostor = await startStandIn(14, "impostor", price);
    standIns.cheat = await startStandIn(18, "cheat", price);
    standIns.refuse = await startStandIn(16, "refuse", price);
    // Listed above `amount` (never eligible in discovery); a test hands them in at `price` with market.listings. Each
    // is a second agent of an account above (its wallet), with an id below the prover's.
    standIns.hang = await startStandIn(15, "hang", 5_000_000n);
    standIns.stale = await startStandIn(16, "stale", 5_000_000n);
    standIns.busy = await startStandIn(18, "busy", 5_000_000n);
    standIns.prove = await startStandIn(17, "prove", price);
  });
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
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
    // The best three (silent, impostor, cheat) are verified at once: the impostor fails the identity challenge (skipped,
    // never handed the input). silent (no-show) -> cheat (its fulfil reverts: a no-show too) -> refuse (refuses the
    // input: no wait) -> prove.
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
      [standIns.impostor.agentId, "skipped"],
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
    expect(result.attempts[0]!.reason).toMatch(/identity signature is by/);
    expect(standIns.impostor.deliveries).toEqual([]);
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

    // The job paid the chosen worker's price, not the most the requester would pay: the requester paid it once, the
    // prover was paid, the no-show and the cheat nothing; the escrow holds nothing more.
    expect(result.paid).toBe(price);
    const after = await Promise.all([...parties, market.contracts.InferenceEscrow].map(usdcOf));
    expect(after).toEqual([before[0]! - price, before[1], before[2], before[3]! + price, before[4]]);

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

  it("two requests at once from one requester: both end with the prover (the others are below the floor; the impostor, which failed its identity check, is passed over without being asked again), both settle", {
    timeout: 180_000,
  }, async () => {
    const requester = market.requester.account.address;
    const before = await usdcOf(requester);
    const impostorChallenges = standIns.impostor.challenges;
    const results = await Promise.all([request({}), request({})]);
    expect(results.map((r) => r.worker?.agentId)).toEqual([standIns.prove.agentId, standIns.prove.agentId]);
    expect(new Set(results.map((r) => r.jobId)).size).toBe(2);
    // The impostor has no feedback (it was never handed an input) and would rank first: this process remembers that
    // it failed its identity check, for 10 minutes, and does not spend a challenge on it again.
    expect(standIns.impostor.challenges).toBe(impostorChallenges);
    for (const result of results) {
      expect(result.attempts.map((a) => [a.workerAgentId, a.outcome])).toEqual([[standIns.prove.agentId, "fulfilled"]]);
      expect(result.feedback.map((f) => [f.workerAgentId, f.value, f.error])).toEqual([
        [standIns.prove.agentId, 100n, undefined],
      ]);
    }
    expect(await usdcOf(requester)).toBe(before - 2n * price);
  });

  it("nobody proves by the deadline: the payment is refunded, each tried worker gets its failure feedback; a worker listed above what the job pays is never tried", {
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
    const proverDeliveries = standIns.prove.deliveries.length;
    const prover = listings.find((l) => l.agentId === standIns.prove.agentId)!;
    const error = await request({
      deadlineSeconds: 30,
      market: {
        contracts: market.contracts,
        fromBlock,
        // The prover listed above the others' price: the job pays the chosen (cheapest) worker's price, so failover
        // never reaches it. A floor that the earlier failures do not go below.
        listings: [
          ...listings.filter((l) => l.agentId === standIns.silent.agentId || l.agentId === standIns.refuse.agentId),
          { ...prover, model: { ...prover.model, price: price + 1n } },
        ],
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
    expect(standIns.prove.deliveries).toHaveLength(proverDeliveries);
    expect((await feedbackOf(standIns.silent.agentId)).map(([, tag]) => tag)).toEqual(["noShow", "noShow"]);
    expect((await feedbackOf(standIns.refuse.agentId)).map(([, tag]) => tag)).toEqual(["badDelivery", "badDelivery"]);
  });

  /** The discovered listing of `standIn`, at `price` and without feedback (so the agent id decides among them). */
  const listed = async (standIns: readonly StandIn[], modelId?: bigint) => {
    const listings = await discoverWorkers({
      publicClient: market.publicClient,
      contracts: market.contracts,
      fromBlock,
      pin: pinned.pin,
      trustedClients: [market.requester.account.address],
    });
    return standIns.map((standIn) => {
      const listing = listings.find((l) => l.agentId === standIn.agentId)!;
      return {
        ...listing,
        model: { ...listing.model, price, ...(modelId === undefined ? {} : { modelId }) },
        reputation: { count: 0, successRate: undefined, medianLatencyMs: undefined },
      };
    });
  };

  it("a worker that never answers its challenge costs seconds, verified alongside the next; one that refuses the input because of the job's state gets no feedback; one busy for ever loses its window, not the job", {
    timeout: 180_000,
  }, async () => {
    const { hang, stale, busy, prove } = standIns;
    const timings: Record<string, number[]> = {};
    const result = await request({
      exclusiveSeconds: 10,
      market: {
        contracts: market.contracts,
        fromBlock,
        listings: await listed([hang, stale, busy, prove]),
      },
      onStep: async (step: RequestInferenceStep, run) => {
        const started = Date.now();
        try {
          return await run();
        } finally {
          timings[step.name] = [...(timings[step.name] ?? []), Date.now() - started];
        }
      },
    });
    // hang, stale and busy are verified at once: hang gives no answer in 4 s (skipped); stale is the best-ranked that
    // passes. stale refuses the input as expired (inWindow: no feedback); busy answers 503 Retry-After: 30 until its
    // window has passed (badDelivery); the prover proves.
    expect(result.attempts.map((a) => [a.workerAgentId, a.outcome])).toEqual([
      [hang.agentId, "skipped"],
      [stale.agentId, "inWindow"],
      [busy.agentId, "badDelivery"],
      [prove.agentId, "fulfilled"],
    ]);
    expect(result.attempts[0]!.reason).toMatch(/No usable answer/);
    expect(result.attempts[1]!.reason).toMatch(/JOB_EXPIRED/);
    expect(result.attempts[2]!.reason).toMatch(/no hand-over within its window/);
    // Not the 30 s a worker used to get per challenge, nor the 5 x 30 s of busy answers.
    expect(timings.choose![0]).toBeLessThan(20_000);
    expect(Math.max(...timings.deliver!)).toBeLessThan(25_000);
    expect(stale.deliveries).toHaveLength(1);
    expect(result.feedback.map((f) => [f.workerAgentId, f.value, f.tag2.replace(/\d+$/, "N")])).toEqual([
      [busy.agentId, 0n, "badDelivery"],
      [prove.agentId, 100n, "latencyMs:N"],
    ]);
    expect(await feedbackOf(stale.agentId)).toEqual([]);
    expect(result.paid).toBe(price);
  });

  it("a listing whose model the escrow will not open a job for (retired) is skipped, nothing paid, and the next worker chosen; the wait is timed from the open, not from the choosing", {
    timeout: 300_000,
  }, async () => {
    const { stale, prove } = standIns;
    // A copy of the pinned registration (same commitment, key and verifier: it passes the pin), retired between the
    // pin check (checkModelPin refuses a registration already retired: ModelRetiredError) and the open.
    const { modelId: retired } = await pinned.registerPinned();
    const [staleRetired] = await listed([stale], retired);
    const [prover] = await listed([prove]);
    const requester = market.requester.account.address;
    const before = await usdcOf(requester);
    const deliveries = stale.deliveries.length;
    const steps: string[] = [];
    let chosen = 0;
    // The first choice idles as long as the whole wait: timed from the choosing, nothing would be left for the proof;
    // timed from the open, all of it is (the proof took about 1.5 s in CI; 60 s is the safety net).
    const waitMs = 60_000;
    const result = await request({
      exclusiveSeconds: 10,
      timeoutMs: waitMs,
      market: { contracts: market.contracts, fromBlock, listings: [staleRetired!, prover!] },
      onStep: async (step: RequestInferenceStep, run) => {
        steps.push(step.name === "open" ? `open:${step.workerAgentId}` : step.name);
        if (step.name === "choose" && chosen++ === 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
        if (step.name === "open" && step.workerAgentId === stale.agentId && step.modelId === retired) {
          await retireModel({ client: market.modelOwner, registry: market.contracts.ModelRegistry, modelId: retired });
        }
        return run();
      },
    }).catch((error: unknown) => {
      // Say what the prover stand-in ran into (a failed proof or fulfil), not only that no attestation came.
      throw new Error(
        `${(error as Error).message} Prover stand-in errors: ${prove.errors.map(String).join("; ") || "none"}`,
        {
          cause: error,
        },
      );
    });
    // The retired listing's open is refused (skipped), the next is chosen and opened for. This node's clock runs
    // ahead of the wall clock: after the idle choice, its open may be tried once more from the next block's time.
    const opens = steps.filter((step) => step.startsWith("open:"));
    expect(steps.slice(0, 4)).toEqual(["choose", `open:${stale.agentId}`, "choose", `open:${prove.agentId}`]);
    expect(opens.slice(1)).toEqual(opens.slice(1).map(() => `open:${prove.agentId}`));
    expect(opens.length).toBeLessThanOrEqual(3);
    expect(steps.filter((step) => step === "choose")).toHaveLength(2);
    expect(result.attempts.map((a) => [a.workerAgentId, a.outcome])).toEqual([
      [stale.agentId, "skipped"],
      [prove.agentId, "fulfilled"],
    ]);
    expect(result.attempts[0]!.reason).toMatch(/not active|NotActive/i);
    expect(stale.deliveries).toHaveLength(deliveries);
    expect(result.modelId).toBe(pinned.modelId);
    expect(await usdcOf(requester)).toBe(before - price);
    expect(result.feedback.map((f) => f.workerAgentId)).toEqual([prove.agentId]);
  });

  it("a failure after the job is open names the job and its deadline (MarketJobFailedError): the job stays open, refundable after", {
    timeout: 60_000,
  }, async () => {
    const [silent] = await listed([standIns.silent]);
    const error = await request({
      market: { contracts: market.contracts, fromBlock, listings: [silent!], reputationFloor: 0 },
      onStep: async (step: RequestInferenceStep, run) => {
        if (step.name === "attest") throw new Error("the node stopped answering");
        return run();
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarketJobFailedError);
    const { jobId, deadline, message } = error as MarketJobFailedError;
    expect(message).toMatch(/the node stopped answering/);
    expect(message).toMatch(/refundJob/);
    const job = await getJob({ client: market.publicClient, escrow: market.contracts.InferenceEscrow, jobId });
    expect(job).toMatchObject({ status: "open", deadline, amount: price, workerAgentId: standIns.silent.agentId });
  });
});
