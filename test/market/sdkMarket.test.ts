import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { usdcAbi, writeDeployment } from "@convergence/contracts";
import { type LaunchWorkerReturnType, launchWorker } from "@convergence/devnet";
import { loadModelPin } from "@convergence/models";
import {
  chooseWorker,
  discoverWorkers,
  getJob,
  getReputationSummary,
  type ModelPin,
  type RequestInferenceStep,
  readAllFeedback,
  readWorkerStats,
  requestInference,
} from "@convergence/sdk";
import { type Address, toHex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Devnet, startDevnet } from "../helpers/startDevnet.ts";

/**
 * The SDK's market flow on a live chain with two real worker processes, each its own key, agent, price and job store:
 * the requester discovers both from the AgentRegistry and their registration files, chooses the first by the rule (one
 * price: a job fails over only to a worker at or below the price it pays; then the lower agent id), and when
 * that one is SIGKILLed after it took the input, the job fails over to the other once the exclusive window has passed
 * (by block time), settles once, and both get feedback. The 3-worker, 30-job run is test/market/market.test.ts.
 */
describe("the SDK market: discover, choose a worker, fail over when it dies, give feedback", () => {
  let devnet: Devnet;
  let dir: string;
  let cheap: LaunchWorkerReturnType;
  let dear: LaunchWorkerReturnType;
  let pin: ModelPin;
  const amount = 2_000_000n;
  /** Both workers' price, so the job (which pays the chosen one's price) can fail over from one to the other. */
  const price = 400_000n;
  /** Devnet accounts: 0 requester (funded), 2 the first worker (the devnet's worker), 7 the other one (ETH only). */
  const REQUESTER = 0;
  const CHEAP = 2;
  const DEAR = 7;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sdk-market-"));
    devnet = await startDevnet();
    writeDeployment({ deployment: devnet.deployment, dir });
    ({ pin } = await loadModelPin({ name: "risk-v1" }));
    // The cheap worker registers risk-v1 (its own account is a publisher it trusts); the dear one serves that same
    // registration (it names the cheap worker's account as a publisher), so both prove for one model id.
    cheap = await launchWorker({
      rpcUrl: devnet.url,
      deploymentsDir: dir,
      dbPath: join(dir, "cheap.sqlite"),
      env: { WORKER_MIN_PRICE: "0.4" },
    });
    dear = await launchWorker({
      rpcUrl: devnet.url,
      deploymentsDir: dir,
      dbPath: join(dir, "dear.sqlite"),
      env: {
        WORKER_PRIVATE_KEY: toHex(devnet.accounts[DEAR]!.getHdKey().privateKey!),
        WORKER_MIN_PRICE: "0.4",
        WORKER_PUBLISHERS: devnet.accounts[CHEAP]!.address,
      },
    });
  });
  afterAll(async () => {
    await cheap?.stop({ signal: "SIGKILL" });
    await dear?.stop({ signal: "SIGTERM" });
    await devnet?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const contracts = () => devnet.deployment.contracts;
  const address = (index: number) => devnet.accounts[index]!.address;
  const usdcOf = (who: Address) =>
    devnet.publicClient.readContract({
      address: contracts().USDC,
      abi: usdcAbi,
      functionName: "balanceOf",
      args: [who],
    });
  const discover = () =>
    discoverWorkers({
      publicClient: devnet.publicClient,
      contracts: contracts(),
      pin,
      trustedClients: [address(REQUESTER)],
    });

  it("discovers both workers from their registration files and chooses the first by the rule", async () => {
    const listings = await discover();
    expect(listings.skipped).toEqual([]);
    expect(listings.map((l) => [l.agentId, l.url, l.model.price, l.wallet])).toEqual(
      [
        [cheap.agentId, cheap.url, price, address(CHEAP)],
        [dear.agentId, dear.url, price, address(DEAR)],
      ].sort((a, b) => Number((a[0] as bigint) - (b[0] as bigint))),
    );
    expect(new Set(listings.map((l) => l.model.modelId)).size).toBe(1);
    // Same price, no record, no load: the lower agent id (the one launched first).
    expect(cheap.agentId).toBeLessThan(dear.agentId);
    expect(chooseWorker({ listings, maxPrice: amount })?.agentId).toBe(cheap.agentId);
    // At the price both are eligible; below it, none.
    expect(chooseWorker({ listings, maxPrice: price })?.agentId).toBe(cheap.agentId);
    expect(chooseWorker({ listings, maxPrice: price - 1n })).toBeUndefined();
  });

  it("the chosen worker dies after taking the input: the job fails over, settles once with the other, feedback recorded", async () => {
    const parties = [address(REQUESTER), address(CHEAP), address(DEAR), contracts().InferenceEscrow];
    const before = await Promise.all(parties.map(usdcOf));
    const steps: RequestInferenceStep["name"][] = [];
    const exclusiveSeconds = 20;
    const started = Date.now();
    const result = await requestInference({
      publicClient: devnet.publicClient,
      walletClient: devnet.wallets[REQUESTER]!,
      escrow: contracts().InferenceEscrow,
      pin,
      input: [128n, -320n, 26n, 512n, -1n, 0n, 384n, -512n],
      amount,
      outputScales: 8,
      exclusiveSeconds,
      deadlineSeconds: 300,
      market: { contracts: contracts(), modelName: "risk-v1" },
      onStep: async (step, run) => {
        steps.push(step.name);
        const value = await run();
        // The chosen worker took the input (202): it dies before it can prove.
        if (step.name === "deliver" && step.workerAgentId === cheap.agentId) {
          await cheap.stop({ signal: "SIGKILL" });
        }
        return value;
      },
    });
    const elapsed = Date.now() - started;
    console.info(`failover run: ${elapsed} ms (window ${exclusiveSeconds} s), steps ${steps.join(" ")}`);

    expect(steps).toEqual([
      "choose",
      "open",
      "deliver",
      "attest",
      "failover",
      "deliver",
      "attest",
      "feedback",
      "feedback",
    ]);
    expect(elapsed).toBeGreaterThanOrEqual(exclusiveSeconds * 1000 - 2000);
    expect(result.worker?.agentId).toBe(dear.agentId);
    expect(result.attempts.map((a) => [a.workerAgentId, a.outcome])).toEqual([
      [cheap.agentId, "noShow"],
      [dear.agentId, "fulfilled"],
    ]);
    const job = await getJob({ client: devnet.publicClient, escrow: contracts().InferenceEscrow, jobId: result.jobId });
    // The job paid the chosen worker's price, not the most the requester offered.
    expect(result.paid).toBe(price);
    expect(job).toMatchObject({ status: "fulfilled", workerAgentId: dear.agentId, amount: price });
    expect(result.attestation.worker).toBe(address(DEAR));

    // Feedback: one per judged worker, by the requester, as the scheme says.
    expect(result.feedback.map((f) => [f.workerAgentId, f.value, f.error])).toEqual([
      [cheap.agentId, 0n, undefined],
      [dear.agentId, 100n, undefined],
    ]);
    const read = (agentId: bigint) =>
      readAllFeedback({
        client: devnet.publicClient,
        registry: contracts().ReputationRegistry,
        agentId,
        clientAddresses: [address(REQUESTER)],
      });
    const [cheapFeedback, dearFeedback] = [await read(cheap.agentId), await read(dear.agentId)];
    expect(cheapFeedback.map((f) => [f.value, f.tag1, f.tag2])).toEqual([[0n, "successRate", "noShow"]]);
    expect(dearFeedback).toHaveLength(1);
    expect(dearFeedback[0]).toMatchObject({ value: 100n, tag1: "successRate" });
    expect(dearFeedback[0]!.tag2).toMatch(/^latencyMs:\d+$/);

    // Balances: the requester paid once, the worker that proved was paid, the dead one nothing; no USDC lost.
    const after = await Promise.all(parties.map(usdcOf));
    expect(after[0]).toBe(before[0]! - price);
    expect(after[1]).toBe(before[1]);
    expect(after[2]).toBe(before[2]! + price);
    expect(after[3]).toBe(before[3]);
    expect(after.reduce((a, b) => a + b)).toBe(before.reduce((a, b) => a + b));

    // The dead worker's trusted reputation is now below the floor: the next choice is the other one.
    const listings = await discover();
    const dead = listings.find((l) => l.agentId === cheap.agentId);
    // Its registration file is served by the dead process: unreachable now, recorded, not thrown.
    expect(dead).toBeUndefined();
    expect(listings.skipped.find((s) => s.agentId === cheap.agentId)?.reason).toMatch(/^unreachable: /);
    const alive = listings.find((l) => l.agentId === dear.agentId)!;
    expect(alive.reputation).toMatchObject({ count: 1, successRate: 100 });
    expect(alive.stats).toMatchObject({ fulfilled: 1 });
    expect(chooseWorker({ listings, maxPrice: amount })?.agentId).toBe(dear.agentId);
    // What the requester's trusted feedback and the escrow's events say about the dead one.
    expect(
      await getReputationSummary({
        client: devnet.publicClient,
        registry: contracts().ReputationRegistry,
        agentId: cheap.agentId,
        clients: [address(REQUESTER)],
      }),
    ).toEqual({ count: 1, successRate: 0, medianLatencyMs: undefined });
    const stats = await readWorkerStats({ client: devnet.publicClient, escrow: contracts().InferenceEscrow });
    expect(stats.get(cheap.agentId)).toEqual({ reserved: 1, fulfilled: 0, failedOver: 1, open: 0 });
    expect(stats.get(dear.agentId)).toEqual({ reserved: 0, fulfilled: 1, failedOver: 0, open: 0 });
  });
});
