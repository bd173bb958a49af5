import { inferenceEscrowAbi, reputationRegistryAbi, usdcAbi } from "@convergence/contracts";
import { loadModel, loadModelPin } from "@convergence/models";
import { discoverWorkers, getJob, getWorkerJob, getWorkerModels, requestInference } from "@convergence/sdk";
import { computeBinding, forward } from "@convergence/zk";
import { type Address, parseUnits } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/runCli.ts";
import { type MarketChain, startMarketChain } from "../helpers/startMarketChain.ts";
import { type StartedWorker, type StartWorkersReturnType, startWorkers } from "../helpers/startWorkers.ts";

const CHAIN_ID = 1337;
const PRICES = { workerA: "0.2", workerB: "0.17" } as const;

/**
 * Issue #15, "any chain": the whole market on a node whose chain id is not the devnet's (1337), every key explicit and
 * fresh (the public devnet keys are refused off the devnet): the stack deployed by its own deployer, two workers with
 * their own keys, agents and prices, and a requester that reads what they offer, chooses, and settles one job. Nothing
 * on this path may use a Hardhat-only RPC method (test/anyChain/hardhatRpcScan.test.ts); here it runs for real.
 */
describe("the market on chain 1337, keys passed explicitly", () => {
  let chain: MarketChain<"requester" | "requester2" | "workerA" | "workerB">;
  let market: StartWorkersReturnType;

  beforeAll(async () => {
    chain = await startMarketChain({ chainId: CHAIN_ID, parties: ["requester", "requester2", "workerA", "workerB"] });
    market = await startWorkers({
      rpcUrl: chain.url,
      deploymentsDir: chain.deploymentsDir,
      dir: chain.dir,
      workers: [
        { name: "a", privateKey: chain.parties.workerA.privateKey, minPrice: PRICES.workerA },
        { name: "b", privateKey: chain.parties.workerB.privateKey, minPrice: PRICES.workerB },
      ],
    });
  });
  afterAll(async () => {
    await market?.stop();
    await chain?.stop();
  });

  const usdcOf = (address: Address) =>
    chain.publicClient.readContract({
      address: chain.deployment.contracts.USDC,
      abi: usdcAbi,
      functionName: "balanceOf",
      args: [address],
    });

  it("serves chain 1337 with two workers of their own agents, keys and prices", async () => {
    expect(await chain.publicClient.getChainId()).toBe(CHAIN_ID);
    const [a, b] = market.workers;
    expect(a!.account).toBe(chain.parties.workerA.account.address);
    expect(b!.account).toBe(chain.parties.workerB.account.address);
    expect(a!.agentId).not.toBe(b!.agentId);
    const [servedA] = await getWorkerModels({ workerUrl: a!.url });
    const [servedB] = await getWorkerModels({ workerUrl: b!.url });
    expect(servedA).toMatchObject({ name: "risk-v1", minPrice: PRICES.workerA });
    expect(servedB).toMatchObject({ name: "risk-v1", minPrice: PRICES.workerB });
    // B serves the registration A made on its start (A is the publisher both name): one registration, two workers.
    expect(servedB!.modelId).toBe(servedA!.modelId);
  });

  it("a requester discovers both, chooses the cheaper, pays it, and the job settles once with a proof bound to chain 1337", async () => {
    const requester = chain.parties.requester;
    const { pin, manifest } = await loadModelPin({ name: "risk-v1" });
    const { quantized } = await loadModel({ name: "risk-v1" });
    const [a, b] = market.workers as [StartedWorker, StartedWorker];
    // What the market offers, as the SDK reads it: both workers, from the AgentRegistry and their registration files.
    const listings = await discoverWorkers({
      publicClient: chain.publicClient,
      contracts: chain.deployment.contracts,
      fromBlock: BigInt(chain.deployment.startBlock),
      pin,
      trustedClients: [requester.account.address],
    });
    expect(listings.map((listing) => [listing.agentId, listing.url, listing.model.price])).toEqual([
      [a.agentId, a.url, parseUnits(PRICES.workerA, 6)],
      [b.agentId, b.url, parseUnits(PRICES.workerB, 6)],
    ]);
    expect(listings.skipped).toEqual([]);

    const input = [128n, -320n, 26n, 512n, -1n, 0n, 384n, -512n];
    const amount = parseUnits(PRICES.workerA, 6);
    const before = {
      requester: await usdcOf(requester.account.address),
      a: await usdcOf(a.account),
      b: await usdcOf(b.account),
    };
    // The market flow: no worker named; it chooses by the rule (the cheaper, B), verifies it, reserves the job for it.
    const result = await requestInference({
      publicClient: chain.publicClient,
      walletClient: requester.wallet,
      escrow: chain.deployment.contracts.InferenceEscrow,
      pin,
      input,
      amount,
      outputScales: manifest.scale,
      exclusiveSeconds: 60,
      market: {
        contracts: chain.deployment.contracts,
        fromBlock: BigInt(chain.deployment.startBlock),
        modelName: "risk-v1",
      },
      timeoutMs: 180_000,
    });
    expect(result.worker?.agentId).toBe(b.agentId);
    expect(result.attempts.map(({ workerAgentId, outcome }) => ({ workerAgentId, outcome }))).toEqual([
      { workerAgentId: b.agentId, outcome: "fulfilled" },
    ]);
    expect(result.outputs).toEqual(forward({ model: quantized, input }).output);
    expect(result.attestation.worker).toBe(b.account);
    expect(result.validation).toMatchObject({ response: 100, agentId: b.agentId });
    expect(
      (
        await getJob({
          client: chain.publicClient,
          escrow: chain.deployment.contracts.InferenceEscrow,
          jobId: result.jobId,
        })
      ).status,
    ).toBe("fulfilled");
    const fulfilled = await chain.publicClient.getContractEvents({
      address: chain.deployment.contracts.InferenceEscrow,
      abi: inferenceEscrowAbi,
      eventName: "JobFulfilled",
      args: { jobId: result.jobId },
      fromBlock: 0n,
    });
    expect(fulfilled.map((event) => event.args.workerAgentId)).toEqual([b.agentId]);
    // Paid once, the chosen worker's price (not the most offered, A's), to it only; the proof is bound to this chain,
    // this escrow, this job and this worker.
    const priceB = parseUnits(PRICES.workerB, 6);
    expect(priceB).toBeLessThan(amount);
    expect(result.paid).toBe(priceB);
    expect(await usdcOf(requester.account.address)).toBe(before.requester - priceB);
    expect(await usdcOf(b.account)).toBe(before.b + priceB);
    expect(await usdcOf(a.account)).toBe(before.a);
    const view = await getWorkerJob({ workerUrl: b.url, jobId: result.jobId });
    expect(view.proof?.publicSignals[2]).toBe(
      computeBinding({
        chainId: CHAIN_ID,
        escrow: chain.deployment.contracts.InferenceEscrow,
        jobId: result.jobId,
        worker: b.account,
      }).toString(),
    );
    // The success went on record, on this chain's ReputationRegistry, from the requester.
    expect(result.feedback.map(({ workerAgentId, value, tag2 }) => ({ workerAgentId, value, tag2 }))).toEqual([
      { workerAgentId: b.agentId, value: 100n, tag2: expect.stringMatching(/^latencyMs:\d+$/) },
    ]);
    const [count, summary] = await chain.publicClient.readContract({
      address: chain.deployment.contracts.ReputationRegistry,
      abi: reputationRegistryAbi,
      functionName: "getSummary",
      args: [b.agentId, [requester.account.address], "successRate", ""],
    });
    expect({ count, summary }).toEqual({ count: 1n, summary: 100n });
  });

  // The requester's commands of docs/guides/public-testnet.md, as a user runs them there: its own key, and the market
  // choosing (`job open` without --worker-url), or one worker named by URL.
  const jobOpen = (extra: string[]) =>
    runCli(
      [
        "job",
        "open",
        "--rpc",
        chain.url,
        "--input",
        "[0.5,-1.25,0.1,2,0,0,1.5,-2]",
        "--pay",
        PRICES.workerA,
        ...extra,
        "--json",
      ],
      { REQUESTER_PRIVATE_KEY: chain.parties.requester2.privateKey, CONVERGENCE_DEPLOYMENTS_DIR: chain.deploymentsDir },
    );
  type Printed = { requester: string; workerAgentId: string; paid: string; attestation: { worker: string } };

  it("`convergence job open` with REQUESTER_PRIVATE_KEY and no worker named: the market chooses the cheaper, it settles", async () => {
    const [, b] = market.workers as [StartedWorker, StartedWorker];
    const before = await usdcOf(b.account);
    const result = await jobOpen(["--window", "60"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as Printed;
    expect(printed.requester).toBe(chain.parties.requester2.account.address);
    expect(BigInt(printed.workerAgentId)).toBe(b.agentId);
    expect(printed.attestation.worker).toBe(b.account);
    // It paid B's price, at most --pay.
    expect(printed.paid).toBe(PRICES.workerB);
    expect(await usdcOf(b.account)).toBe(before + parseUnits(PRICES.workerB, 6));
  });

  it("`convergence job open --worker-url` settles a job with the worker it names, even the dearer one", async () => {
    const [a] = market.workers as [StartedWorker, StartedWorker];
    const before = await usdcOf(a.account);
    const result = await jobOpen(["--worker-url", a.url]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as Printed;
    expect(BigInt(printed.workerAgentId)).toBe(a.agentId);
    expect(printed.attestation.worker).toBe(a.account);
    expect(printed.paid).toBe(PRICES.workerA);
    expect(await usdcOf(a.account)).toBe(before + parseUnits(PRICES.workerA, 6));
  });
});
