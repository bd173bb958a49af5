import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inferenceEscrowAbi, usdcAbi } from "@convergence/contracts";
import { commitInput, forward, terminateCurve } from "@convergence/zk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ModelCommitmentMismatchError,
  ModelKeyMismatchError,
  ModelNotFoundError,
  SetupControlledByWorkerError,
  UnattributedSetupError,
  VerifierCodeMismatchError,
} from "../../errors/inference.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { WorkerCommitmentMismatchError } from "../../errors/worker.ts";
import { fulfillJob } from "./fulfillJob.ts";
import { getJob } from "./getJob.ts";
import { setupInferenceMarket, setupPinnedModel } from "./inferenceTestKit.ts";
import { type RequestInferenceStep, requestInference } from "./requestInference.ts";

/**
 * The whole requester flow on the SDK's Hardhat node, with a real snarkjs verifier and real proofs. The worker is a
 * stand-in HTTP server that answers as the worker's API does and fulfils with a real proof; test/agent/ and apps/cli
 * run the flow against the real worker process.
 */
describe("requestInference", () => {
  let market: Awaited<ReturnType<typeof setupInferenceMarket>>;
  let pinned: Awaited<ReturnType<typeof setupPinnedModel>>;
  let server: Server;
  let workerUrl: string;
  /** What the stand-in answers to the next delivery: fulfil it, or refuse it as the worker does a wrong salt. */
  let refuseDelivery = false;
  let malformedView = false;
  const delivered: { jobId: bigint; input: number[]; salt: bigint }[] = [];
  const input = [128n, -307n, 77n, 0n, 26n, 0n, 256n, -128n];
  let outputs: bigint[];

  beforeAll(async () => {
    market = await setupInferenceMarket();
    pinned = await setupPinnedModel({ market });
    outputs = forward({ model: pinned.model, input }).output;
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
      const { calldata } = await pinned.proveFor({
        jobId,
        input: body.input.map(BigInt),
        salt: BigInt(body.salt),
        worker: market.worker.account.address,
      });
      await fulfillJob({ client: market.worker, escrow, jobId, workerAgentId: market.workerAgentId, calldata });
    });
    server.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    workerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await terminateCurve();
  });

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
      modelId: pinned.modelId,
      pin: pinned.pin,
      workerAgentId: market.workerAgentId,
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
      outputScales: [8, 8, 10],
      onStep: async (step, run) => {
        steps.push(step.name);
        if (step.name !== "open" && step.name !== "choose") expect(step.jobId).toBeGreaterThan(0n);
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
      modelId: pinned.modelId,
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
    expect(result.values).toEqual(outputs.map((v, i) => Number(v) / 2 ** [8, 8, 10][i]!));
    expect(result.workerJob).toMatchObject({ state: "settled", timings: { proveMs: 42 } });
    expect(await usdcOf(requester)).toBe(paidBefore - 2_000_000n);
    expect(await usdcOf(market.worker.account.address)).toBe(workerBefore + 2_000_000n);
  });

  it("returns the attested result when the worker's job view is not its API (the view is the worker's word only)", async () => {
    malformedView = true;
    try {
      const result = await request({ outputScales: [8, 8, 10] });
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
    expect((scales as Error).message).toContain(`model ${pinned.modelId} has 3 outputs`);
    await expect(request({ modelId: 999n })).rejects.toBeInstanceOf(ModelNotFoundError);
    await expect(request({ input: [40_000n, ...input.slice(1)] })).rejects.toThrow(/outside the fixed-point range/);
    await expect(request({ deadlineSeconds: 0 })).rejects.toThrow(/Invalid deadlineSeconds/);
    // The worker's floor is known before paying: a job it would skip unproven is not opened.
    await expect(request({ amount: 2_000_000n, workerMinPrice: 2_000_001n })).rejects.toThrow(
      /Invalid amount: 2000000\. Expected at least the worker's price floor for this model, 2000001 base units/,
    );
    // A job is reserved for the worker the requester chose: none for "any worker", none for an unknown agent.
    await expect(request({ workerAgentId: 0n })).rejects.toThrow(/Invalid workerAgentId: 0\. Expected the ERC-8004/);
    await expect(request({ workerAgentId: 999n })).rejects.toThrow(
      /Invalid workerAgentId: 999\. Expected an agent registered/,
    );
    expect(await usdcOf(market.requester.account.address)).toBe(paidBefore);
    expect(await jobCount()).toBe(jobsBefore);
  });

  it("refuses, before paying, a registration that is not what the requester pinned (issue #14)", async () => {
    const paidBefore = await usdcOf(market.requester.account.address);
    const jobsBefore = await jobCount();
    const { pin } = pinned;
    // Other weights under the pinned id.
    await expect(request({ pin: { ...pin, commitment: pin.commitment + 1n } })).rejects.toBeInstanceOf(
      ModelCommitmentMismatchError,
    );
    // Another key: one delta coordinate changed, as another phase 2 would.
    const otherKey = structuredClone(pin.verificationKey);
    otherKey.vk_delta_2[0]![0] = (BigInt(otherKey.vk_delta_2[0]![0]!) + 1n).toString();
    const keyError = await request({ pin: { ...pin, verificationKey: otherKey } }).catch((e: unknown) => e);
    expect(keyError).toBeInstanceOf(ModelKeyMismatchError);
    expect((keyError as Error).message).toContain(pinned.registration.vkeyHash);
    // The honest commitment and key hash registered with a verifier that accepts every proof (finding 1).
    const { modelId: acceptAll } = await pinned.registerPinned({ verifier: market.verifier });
    const codeError = await request({ modelId: acceptAll }).catch((e: unknown) => e);
    expect(codeError).toBeInstanceOf(VerifierCodeMismatchError);
    expect((codeError as Error).message).toContain(market.verifier);
    // The honest key registered for a two-output model: the key has 6 public signals, not 5.
    const { modelId: twoOutputs } = await pinned.registerPinned({ numOutputs: 2 });
    await expect(request({ modelId: twoOutputs })).rejects.toThrow(
      /The pinned verification key has 6 public signals, but model \d+ has 2 outputs/,
    );
    // Setups nobody else vouches for: no contributor, or only the worker the job would be reserved for.
    await expect(request({ pin: { ...pin, contributors: [] } })).rejects.toBeInstanceOf(UnattributedSetupError);
    const workerError = await request({ pin: { ...pin, contributors: [market.worker.account.address] } }).catch(
      (e: unknown) => e,
    );
    expect(workerError).toBeInstanceOf(SetupControlledByWorkerError);
    expect((workerError as Error).message).toContain(market.worker.account.address);
    expect(await usdcOf(market.requester.account.address)).toBe(paidBefore);
    expect(await jobCount()).toBe(jobsBefore);
  });

  it('pays for a worker-contributed setup only with trustSetup "any"', async () => {
    const result = await request({
      pin: { ...pinned.pin, contributors: [market.worker.account.address] },
      trustSetup: "any",
    });
    expect(result.attestation.outputs).toEqual(outputs);
    expect(result.validation.response).toBe(100);
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
