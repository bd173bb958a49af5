import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inferenceEscrowAbi, usdcAbi } from "@convergence/contracts";
import { commitInput } from "@convergence/zk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelCommitmentMismatchError, ModelNotFoundError } from "../../errors/inference.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { WorkerCommitmentMismatchError } from "../../errors/worker.ts";
import { fulfillJob } from "./fulfillJob.ts";
import { getJob } from "./getJob.ts";
import { getModel } from "./getModel.ts";
import { setupInferenceMarket } from "./inferenceTestKit.ts";
import { type RequestInferenceStep, requestInference } from "./requestInference.ts";

/**
 * The whole requester flow on the SDK's Hardhat node. The worker is a stand-in HTTP server that answers as the
 * worker's API does and fulfils with the kit's mock proof; test/agent/ and apps/cli run the flow against the real
 * worker and real proofs.
 */
describe("requestInference", () => {
  let market: Awaited<ReturnType<typeof setupInferenceMarket>>;
  let server: Server;
  let workerUrl: string;
  /** What the stand-in answers to the next delivery: fulfil it, or refuse it as the worker does a wrong salt. */
  let refuseDelivery = false;
  let malformedView = false;
  const delivered: { jobId: bigint; input: number[]; salt: bigint }[] = [];
  const outputs = [512n, -128n, 3n];
  const input = [128n, -307n, 77n, 0n, 26n, 0n, 256n, -128n];

  beforeAll(async () => {
    market = await setupInferenceMarket();
    const escrow = market.contracts.InferenceEscrow;
    server = createServer(async (req, res) => {
      let text = "";
      for await (const chunk of req) text += chunk;
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const match = /^\/v1\/jobs\/(\d+)(\/input)?$/.exec(req.url ?? "");
      if (!match) return send(404, { error: { code: "NOT_FOUND", message: "no route" } });
      const jobId = BigInt(match[1]!);
      if (!match[2]) {
        // A lying worker's job view (timings missing) must not fail a flow that already paid: it reads as no view.
        if (malformedView) return send(200, { jobId: String(jobId), state: "settled", txHashes: [] });
        return send(200, {
          jobId: String(jobId),
          state: "settled",
          modelId: "1",
          inputCommitment: "1",
          output: null,
          proof: null,
          txHashes: [`0x${"01".repeat(32)}`],
          attempts: 1,
          timings: { proveMs: 42 },
          error: null,
        });
      }
      const body = JSON.parse(text) as { input: number[]; salt: string };
      const job = await getJob({ client: market.publicClient, escrow, jobId });
      const commitment = await commitInput({ input: body.input.map(BigInt), salt: BigInt(body.salt) });
      if (refuseDelivery || commitment !== job.inputCommitment) {
        return send(409, { error: { code: "COMMITMENT_MISMATCH", message: `job ${jobId} commits to another input` } });
      }
      delivered.push({ jobId, input: body.input, salt: BigInt(body.salt) });
      send(202, { jobId: String(jobId), state: "received" });
      const signals = market.signalsFor(jobId, market.worker.account.address, job.inputCommitment, outputs);
      await fulfillJob({
        client: market.worker,
        escrow,
        jobId,
        workerAgentId: market.workerAgentId,
        calldata: market.proofFor(signals),
      });
    });
    server.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    workerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server?.close(resolve)));

  const usdcOf = (address: `0x${string}`) =>
    market.publicClient.readContract({
      address: market.contracts.USDC,
      abi: usdcAbi,
      functionName: "balanceOf",
      args: [address],
    });
  const jobCount = () =>
    market.publicClient.readContract({
      address: market.contracts.InferenceEscrow,
      abi: inferenceEscrowAbi,
      functionName: "jobCount",
    });
  const request = (overrides: Partial<Parameters<typeof requestInference>[0]> = {}) =>
    requestInference({
      publicClient: market.publicClient,
      walletClient: market.requester,
      escrow: market.contracts.InferenceEscrow,
      workerUrl,
      modelId: market.modelId,
      input,
      amount: 2_000_000n,
      outputScales: 8,
      timeoutMs: 30_000,
      ...overrides,
    });

  it("commits, opens with a permit, delivers, waits for the attestation and decodes it, step by step", async () => {
    const requester = market.requester.account.address;
    const [paidBefore, workerBefore] = [await usdcOf(requester), await usdcOf(market.worker.account.address)];
    const steps: RequestInferenceStep["name"][] = [];
    const result = await request({
      workerAgentId: market.workerAgentId,
      outputScales: [8, 8, 10],
      onStep: async (step, run) => {
        steps.push(step.name);
        if (step.name !== "open") expect(step.jobId).toBeGreaterThan(0n);
        return run();
      },
    });

    expect(steps).toEqual(["open", "deliver", "attest"]);
    expect(delivered.at(-1)).toEqual({ jobId: result.jobId, input: input.map(Number), salt: result.salt });
    expect(result.inputCommitment).toBe(await commitInput({ input, salt: result.salt }));
    expect(result.open.receipt.status).toBe("success");
    expect(result.open.receipt.transactionHash).toBe(result.open.hash);
    expect(result.attestation).toMatchObject({
      jobId: result.jobId,
      modelId: market.modelId,
      inputCommitment: result.inputCommitment,
      outputs,
      worker: market.worker.account.address,
    });
    expect(result.validation).toMatchObject({
      validator: market.contracts.InferenceAttestor,
      agentId: market.workerAgentId,
      response: 100,
    });
    expect(result.outputs).toEqual(outputs);
    expect(result.values).toEqual([2, -0.5, 3 / 1024]);
    expect(result.workerJob).toMatchObject({ state: "settled", timings: { proveMs: 42 } });
    expect(await usdcOf(requester)).toBe(paidBefore - 2_000_000n);
    expect(await usdcOf(market.worker.account.address)).toBe(workerBefore + 2_000_000n);
  });

  it("returns the attested result when the worker's job view is not its API (the view is the worker's word only)", async () => {
    malformedView = true;
    try {
      const result = await request({ workerAgentId: market.workerAgentId, outputScales: [8, 8, 10] });
      expect(result.attestation.outputs).toEqual(outputs);
      expect(result.workerJob).toBeUndefined();
    } finally {
      malformedView = false;
    }
  });

  it("refuses before paying: scales that do not match the outputs, an unknown model, an input out of range", async () => {
    const paidBefore = await usdcOf(market.requester.account.address);
    const jobsBefore = await jobCount();
    const scales = await request({ outputScales: [8, 8] }).catch((e: unknown) => e);
    expect(scales).toBeInstanceOf(InvalidParameterError);
    expect((scales as Error).message).toContain(`model ${market.modelId} has 3 outputs`);
    await expect(request({ modelId: 999n })).rejects.toBeInstanceOf(ModelNotFoundError);
    await expect(request({ input: [40_000n, ...input.slice(1)] })).rejects.toThrow(/outside the fixed-point range/);
    await expect(request({ deadlineSeconds: 0 })).rejects.toThrow(/Invalid deadlineSeconds/);
    // A worker names the model id; the requester pins the weights: another commitment is refused before paying.
    const registered = (
      await getModel({ client: market.publicClient, registry: market.contracts.ModelRegistry, modelId: market.modelId })
    ).commitment;
    await expect(request({ expectedCommitment: registered + 1n })).rejects.toBeInstanceOf(ModelCommitmentMismatchError);
    // The worker's floor is known before paying: a job it would skip unproven is not opened.
    await expect(request({ amount: 2_000_000n, workerMinPrice: 2_000_001n })).rejects.toThrow(
      /Invalid amount: 2000000\. Expected at least the worker's price floor for this model, 2000001 base units/,
    );
    expect(await usdcOf(market.requester.account.address)).toBe(paidBefore);
    expect(await jobCount()).toBe(jobsBefore);
  });

  it("passes on the worker's refusal of the input, and the paid job stays open for a refund", async () => {
    refuseDelivery = true;
    let jobId: bigint | undefined;
    const error = await request({
      onStep: (step, run) => {
        if (step.name === "deliver") jobId = step.jobId;
        return run();
      },
    })
      .catch((e: unknown) => e)
      .finally(() => {
        refuseDelivery = false;
      });
    expect(error).toBeInstanceOf(WorkerCommitmentMismatchError);
    expect(jobId).toBeDefined();
    const job = await getJob({ client: market.publicClient, escrow: market.contracts.InferenceEscrow, jobId: jobId! });
    expect(job).toMatchObject({ status: "open", amount: 2_000_000n });
  });
});
