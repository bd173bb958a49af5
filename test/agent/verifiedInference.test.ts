import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAgentContext, readMarketState, runIntent } from "@convergence/agent";
import { poolAbi, usdcAbi, wethAbi, writeDeployment } from "@convergence/contracts";
import { type LaunchWorkerReturnType, launchWorker } from "@convergence/devnet";
import { getAttestation, getValidation, swapTokens } from "@convergence/sdk";
import { type Address, parseUnits } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Devnet, startDevnet } from "../helpers/startDevnet.ts";

const INTENT =
  "Get a verified risk score for WETH/USDC paying at most 2 USDC, and if the risk is low swap 100 USDC for WETH";

/**
 * Issue 4's showcase on a live chain: the embedded model plans the intent, request_verified_inference reads the
 * pool, pays the escrow and waits for the worker's proof to be verified on-chain, and the swap runs only when the
 * attested risk is low. One devnet and one worker (a real process, as `pnpm worker`) serve both market states.
 */
describe("the agent buys a verified risk score and swaps only when it is low", () => {
  let devnet: Devnet;
  let worker: LaunchWorkerReturnType;
  let dir: string;
  const agent = () => devnet.accounts[1]!;
  const contracts = () => devnet.deployment.contracts;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "agent-e2e-"));
    devnet = await startDevnet();
    writeDeployment({ deployment: devnet.deployment, dir });
    worker = await launchWorker({ rpcUrl: devnet.url, deploymentsDir: dir, dbPath: join(dir, "jobs.sqlite") });
    // The seeded pool has one LP (the deployer), which risk-v1 reads as medium risk. Spread the LP tokens over three
    // more holders, as a live market would have: shared setup, so the drained-market test below (three of the four
    // LPs leave) does not depend on the calm-market test having got this far.
    const deployerLp = await lpOf(devnet.accounts[0]!.address);
    for (const holder of [5, 6, 7]) {
      await devnet.wallets[0]!.writeContract({
        address: contracts().Pool,
        abi: poolAbi,
        functionName: "transfer",
        args: [devnet.accounts[holder]!.address, (deployerLp * 20n) / 100n],
      });
    }
  });
  afterAll(async () => {
    await worker?.stop({ signal: "SIGTERM" });
    await devnet?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const usdcOf = (address: Address) =>
    devnet.publicClient.readContract({
      address: contracts().USDC,
      abi: usdcAbi,
      functionName: "balanceOf",
      args: [address],
    });
  const wethOf = (address: Address) =>
    devnet.publicClient.readContract({
      address: contracts().WETH,
      abi: wethAbi,
      functionName: "balanceOf",
      args: [address],
    });
  const lpOf = (address: Address) =>
    devnet.publicClient.readContract({
      address: contracts().Pool,
      abi: poolAbi,
      functionName: "balanceOf",
      args: [address],
    });
  const swap = (wallet: number, tokenIn: "USDC" | "WETH", amountIn: bigint) =>
    swapTokens({
      client: devnet.wallets[wallet]!,
      pool: contracts().Pool,
      tokenIn: tokenIn === "USDC" ? contracts().USDC : contracts().WETH,
      amountIn,
      maxSlippageBps: 100,
    });

  async function runShowcase(account = agent()) {
    const { context } = createAgentContext({
      rpcUrl: devnet.url,
      chainId: 31337,
      account,
      contracts: contracts(),
      home: join(dir, `home-${Date.now()}`),
      workerUrl: worker.url,
      yes: true,
    });
    // createAgent with the embedded intent model and the real tools (runIntent), confirmations answered by --yes.
    const { events, answer } = await runIntent({ intent: INTENT, context });
    const tools = events.flatMap((e) => (e.type === "result" ? [e.text] : []));
    return { answer, tools };
  }

  async function checkAttested(output: Record<string, unknown>, workerBefore: bigint) {
    const attestation = await getAttestation({
      client: devnet.publicClient,
      attestor: contracts().InferenceAttestor,
      jobId: BigInt(String(output.jobId)),
    });
    expect(attestation.outputs.map(String)).toEqual(output.outputs);
    expect(attestation.worker).toBe(devnet.accounts[2]!.address);
    const validation = await getValidation({
      client: devnet.publicClient,
      attestor: contracts().InferenceAttestor,
      requestHash: attestation.validationRequestHash,
    });
    expect(validation.response).toBe(100);
    expect(await usdcOf(devnet.accounts[2]!.address)).toBe(workerBefore + parseUnits("2", 6));
  }

  it("a calm, traded market with spread-out liquidity scores low: attested on-chain, worker paid, swap sent", async () => {
    // The LP tokens are spread (beforeAll); trade a few round trips, as a live market would have.
    for (let i = 0; i < 3; i++) {
      const { amountOut } = await swap(4, "USDC", parseUnits("2000", 6));
      await swap(4, "WETH", amountOut);
    }
    const market = await readMarketState({ client: devnet.publicClient, contracts: contracts() });
    expect(market).toMatchObject({ swapCount24h: 6, reserveUsdc: expect.closeTo(300_000, -2) });
    expect(market.topLpShare).toBeCloseTo(0.4, 2);

    const workerBefore = await usdcOf(devnet.accounts[2]!.address);
    const wethBefore = await wethOf(agent().address);
    const { answer, tools } = await runShowcase();
    expect(answer).toMatch(/^Done\./);
    expect(tools).toHaveLength(2);
    const output = JSON.parse(tools[0]!) as Record<string, unknown>;
    expect(output).toMatchObject({ model: "risk-v1", subject: "WETH/USDC", risk: "low", verified: true, paid: "2" });
    expect(output.attestationId).toMatch(/^0x[0-9a-f]{64}$/);
    expect(output.score).toBeGreaterThanOrEqual(0);
    expect(output.score).toBeLessThan(0.5);
    await checkAttested(output, workerBefore);
    expect(JSON.parse(tools[1]!)).toMatchObject({ amountOut: expect.stringMatching(/^0\.0\d+/) });
    expect(await wethOf(agent().address)).toBeGreaterThan(wethBefore);
  }, 300_000);

  it("a drained, whipsawed market scores high: attested, but no swap, and the answer says why", async () => {
    // Three of the four LPs leave, then a whale pushes the price up by more than half.
    for (const holder of [0, 5, 6]) {
      const wallet = devnet.wallets[holder]!;
      const { timestamp } = await devnet.publicClient.getBlock();
      await wallet.writeContract({
        address: contracts().Pool,
        abi: poolAbi,
        functionName: "removeLiquidity",
        args: [await lpOf(wallet.account.address), 0n, 0n, wallet.account.address, timestamp + 600n],
      });
    }
    await swap(4, "USDC", parseUnits("60000", 6));
    const market = await readMarketState({ client: devnet.publicClient, contracts: contracts() });
    expect(market.reserveUsdc).toBeGreaterThan(60_000);
    expect(market.priceChange1h).toBeGreaterThan(0.5);

    const workerBefore = await usdcOf(devnet.accounts[2]!.address);
    const wethBefore = await wethOf(agent().address);
    const usdcBefore = await usdcOf(agent().address);
    const { answer, tools } = await runShowcase();
    expect(tools).toHaveLength(1);
    const output = JSON.parse(tools[0]!) as Record<string, unknown>;
    expect(output).toMatchObject({ risk: "high", verified: true });
    expect(output.score).toBeGreaterThan(0.5);
    await checkAttested(output, workerBefore);
    expect(answer).toMatch(/The condition "risk == low" does not hold \(.*high.*\): I did not run swap_tokens/);
    expect(await wethOf(agent().address)).toBe(wethBefore);
    expect(await usdcOf(agent().address)).toBe(usdcBefore - parseUnits("2", 6));
  }, 300_000);

  it("refuses a subject it cannot read from the chain, paying nothing", async () => {
    const { context } = createAgentContext({
      rpcUrl: devnet.url,
      chainId: 31337,
      account: agent(),
      contracts: contracts(),
      home: join(dir, "home-refuse"),
      workerUrl: worker.url,
      yes: true,
    });
    const before = await usdcOf(agent().address);
    await expect(
      context.actions.requestVerifiedInference!({ model: "risk-v1", subject: "WETH/ETH", maxPayment: "2" }),
    ).rejects.toThrow(/Cannot score "WETH\/ETH": only WETH\/USDC/);
    expect(await usdcOf(agent().address)).toBe(before);
  });

  it("an agent without the USDC for the job is refused by the policy's simulation: no job, no swap", async () => {
    const broke = devnet.accounts[8]!;
    const jobsBefore = await devnet.publicClient.getBlockNumber();
    const { answer, tools } = await runShowcase(broke);
    expect(tools).toEqual([
      expect.stringMatching(/^Refused \(simulation\): .*less than the 2000000 the inference job escrows/),
    ]);
    expect(answer).not.toMatch(/swap_tokens: \{/);
    expect(await devnet.publicClient.getBlockNumber()).toBe(jobsBefore);
  });
});
