import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inferenceEscrowAbi, usdcAbi, writeDeployment } from "@convergence/contracts";
import { type LaunchWorkerReturnType, launchWorker } from "@convergence/devnet";
import { loadModel } from "@convergence/models";
import {
  deliverJobInput,
  getJob,
  getValidation,
  getWorkerJob,
  getWorkerModels,
  JobNotAttestableError,
  openJob,
  refundJob,
  registerAgent,
  WorkerJobConflictError,
  WorkerUnauthorizedError,
  waitForAttestation,
} from "@convergence/sdk";
import { commitInput, computeBinding, forward, randomSalt } from "@convergence/zk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Devnet, startDevnet } from "../helpers/startDevnet.ts";
import { increaseTime } from "./increaseTime.ts";

/**
 * Issue 3's market flow on a live chain: the worker runs as `pnpm worker` does (its own process), registers itself and
 * risk-v1, and a requester pays for proven inference through the SDK.
 */
describe("the inference market end to end: escrow, worker, attestation, validation, payment", () => {
  let devnet: Devnet;
  let worker: LaunchWorkerReturnType;
  let dir: string;
  let modelId: bigint;
  let quantized: Awaited<ReturnType<typeof loadModel>>["quantized"];
  const amount = 2_000_000n;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "worker-e2e-"));
    devnet = await startDevnet();
    writeDeployment({ deployment: devnet.deployment, dir });
    ({ quantized } = await loadModel({ name: "risk-v1" }));
    worker = await launchWorker({ rpcUrl: devnet.url, deploymentsDir: dir, dbPath: join(dir, "jobs.sqlite") });
    const [served] = await getWorkerModels({ workerUrl: worker.url });
    modelId = BigInt(served!.modelId!);
  });
  afterAll(async () => {
    await worker?.stop({ signal: "SIGTERM" });
    await devnet?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const contracts = () => devnet.deployment.contracts;
  const requester = () => devnet.wallets[3]!;
  const workerAddress = () => devnet.accounts[2]!.address;
  const usdcOf = (address: `0x${string}`) =>
    devnet.publicClient.readContract({
      address: contracts().USDC,
      abi: usdcAbi,
      functionName: "balanceOf",
      args: [address],
    });
  const open = async (input: bigint[], deadlineIn = 600n) => {
    const salt = randomSalt();
    const { timestamp } = await devnet.publicClient.getBlock();
    const { jobId } = await openJob({
      client: requester(),
      escrow: contracts().InferenceEscrow,
      modelId,
      inputCommitment: await commitInput({ input, salt }),
      amount,
      deadline: timestamp + deadlineIn,
      payment: "permit",
    });
    return { jobId, salt };
  };

  it("a job opened with a permit is proven, attested, validated and paid; the requester reads the verified output", async () => {
    const input = [128n, -320n, 26n, 512n, -1n, 0n, 384n, -512n];
    const workerBefore = await usdcOf(workerAddress());
    const { jobId, salt } = await open(input);
    const { job, accepted } = await deliverJobInput({ workerUrl: worker.url, jobId, input, salt });
    expect(accepted).toBe(true);
    expect(job.state).toBe("received");

    const attestation = await waitForAttestation({
      client: devnet.publicClient,
      escrow: contracts().InferenceEscrow,
      attestor: contracts().InferenceAttestor,
      jobId,
      timeoutMs: 120_000,
    });
    // The verified output is the reference forward pass of the committed weights on the committed input.
    expect(attestation.outputs).toEqual(forward({ model: quantized, input }).output);
    expect(attestation).toMatchObject({
      jobId,
      modelId,
      worker: workerAddress(),
      inputCommitment: await commitInput({ input, salt }),
    });

    const validation = await getValidation({
      client: devnet.publicClient,
      attestor: contracts().InferenceAttestor,
      requestHash: attestation.validationRequestHash,
    });
    expect(validation).toMatchObject({ response: 100, validator: contracts().InferenceAttestor });
    expect((await getJob({ client: devnet.publicClient, escrow: contracts().InferenceEscrow, jobId })).status).toBe(
      "fulfilled",
    );
    expect(await usdcOf(workerAddress())).toBe(workerBefore + amount);
    const fulfilled = await devnet.publicClient.getContractEvents({
      address: contracts().InferenceEscrow,
      abi: inferenceEscrowAbi,
      eventName: "JobFulfilled",
      args: { jobId },
      fromBlock: 0n,
    });
    expect(fulfilled).toHaveLength(1);
    expect(fulfilled[0]!.args.workerAgentId).toBe(validation.agentId);

    // The worker's own record agrees, and its proof is bound to this job and this worker.
    let view = await getWorkerJob({ workerUrl: worker.url, jobId });
    for (let i = 0; view.state !== "settled" && i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      view = await getWorkerJob({ workerUrl: worker.url, jobId });
    }
    expect(view).toMatchObject({ state: "settled", attempts: 1, error: null, model: "risk-v1" });
    expect(view.txHashes).toEqual([fulfilled[0]!.transactionHash]);
    expect(view.output?.raw).toEqual(attestation.outputs.map(String));
    expect(view.proof?.publicSignals[2]).toBe(
      computeBinding({
        chainId: 31337,
        escrow: contracts().InferenceEscrow,
        jobId,
        worker: workerAddress(),
      }).toString(),
    );
    expect(Object.keys(view.timings)).toEqual(
      expect.arrayContaining(["receivedAt", "provingStartedAt", "provedAt", "proveMs", "submittedAt", "settledAt"]),
    );
    // The requester's signed read names this chain and escrow as the worker does; a stranger's signature is refused.
    const escrow = contracts().InferenceEscrow;
    const signed = await getWorkerJob({ workerUrl: worker.url, jobId, requester: { client: requester(), escrow } });
    expect(signed.output?.raw).toEqual(attestation.outputs.map(String));
    const stranger = await getWorkerJob({
      workerUrl: worker.url,
      jobId,
      requester: { client: devnet.wallets[4]!, escrow },
    }).catch((error: unknown) => error);
    expect(stranger).toBeInstanceOf(WorkerUnauthorizedError);
    expect(stranger).toMatchObject({ status: 401, code: "REQUESTER_SIGNATURE_INVALID" });
    // Delivering the same input again is harmless.
    expect((await deliverJobInput({ workerUrl: worker.url, jobId, input, salt })).accepted).toBe(false);
  });

  it("a job nobody proves is refunded after its deadline, and the worker refuses its input then", async () => {
    const input = [0n, 0n, 0n, 0n, 0n, 0n, 0n, 256n];
    const before = await usdcOf(requester().account.address);
    const { jobId, salt } = await open(input, 60n);
    expect(await usdcOf(requester().account.address)).toBe(before - amount);
    await increaseTime({ rpcUrl: devnet.url, seconds: 120 });

    await expect(
      waitForAttestation({
        client: devnet.publicClient,
        escrow: contracts().InferenceEscrow,
        attestor: contracts().InferenceAttestor,
        jobId,
        timeoutMs: 30_000,
      }),
    ).rejects.toThrow(JobNotAttestableError);
    const refund = await refundJob({ client: requester(), escrow: contracts().InferenceEscrow, jobId });
    expect(refund).toMatchObject({ requester: requester().account.address, amount });
    expect(await usdcOf(requester().account.address)).toBe(before);

    const refused = await deliverJobInput({ workerUrl: worker.url, jobId, input, salt }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(WorkerJobConflictError);
    expect(refused).toMatchObject({ status: 409, code: "JOB_NOT_OPEN" });
    expect(await getWorkerJob({ workerUrl: worker.url, jobId })).toMatchObject({
      state: "failed",
      error: { code: "JOB_REFUNDED" },
      txHashes: [],
    });
  });

  it("answers bad requests with their 4xx and a JSON error, and stays healthy", async () => {
    const input = [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n];
    const { jobId, salt } = await open(input);
    const post = (path: string, body: string) =>
      fetch(`${worker.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });
    const cases: [string, () => Promise<Response>, number, string][] = [
      ["malformed JSON", () => post("/v1/inference", '{"model":"risk-v1","input":[1,'), 400, "INVALID_JSON"],
      ["wrong types", () => post("/v1/inference", '{"model":"risk-v1","input":"0.5"}'), 400, "INVALID_REQUEST"],
      [
        "a wrong type in a job input",
        () => post(`/v1/jobs/${jobId}/input`, JSON.stringify({ input: ["1"], salt: "1" })),
        400,
        "INVALID_REQUEST",
      ],
      [
        "an oversized body",
        () => post("/v1/inference", JSON.stringify({ model: "risk-v1", input: Array(5000).fill(0.5) })),
        413,
        "PAYLOAD_TOO_LARGE",
      ],
      [
        "a wrong commitment",
        () =>
          post(`/v1/jobs/${jobId}/input`, JSON.stringify({ input: input.map(Number), salt: (salt + 1n).toString() })),
        409,
        "COMMITMENT_MISMATCH",
      ],
      [
        "an unknown job",
        () => post("/v1/jobs/999999/input", JSON.stringify({ input: input.map(Number), salt: "1" })),
        404,
        "JOB_NOT_FOUND",
      ],
      [
        "an unknown model",
        () => post("/v1/inference", JSON.stringify({ model: "gpt-5", input: [1] })),
        404,
        "MODEL_NOT_FOUND",
      ],
      ["an unknown route", () => fetch(`${worker.url}/v1/secrets`), 404, "NOT_FOUND"],
    ];
    for (const [name, send, status, code] of cases) {
      const response = await send();
      const body = (await response.json()) as { error?: { code: string; message: string } };
      expect({ name, status: response.status, code: body.error?.code }).toEqual({ name, status, code });
    }
    const health = await fetch(`${worker.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", chain: { error: null } });
    // The job with the wrong commitment was not touched: the right input still goes through.
    expect((await deliverJobInput({ workerUrl: worker.url, jobId, input, salt })).accepted).toBe(true);
    const inference = await post(
      "/v1/inference",
      JSON.stringify({ model: "risk-v1", input: [0.5, -1.25, 0.1, 2, 0, 0, 1.5, -2] }),
    );
    expect(inference.status).toBe(200);
    const metrics = await (await fetch(`${worker.url}/metrics`)).text();
    expect(metrics).toMatch(/convergence_worker_jobs\{state="settled"\} [1-9]/);
    expect(metrics).toMatch(/convergence_worker_prove_seconds_count [1-9]/);
  });
  it("a job reserved for another agent is refused during its window and proven here after it (failover)", async () => {
    // An agent that takes the job and never delivers.
    const { agentId: absent } = await registerAgent({
      client: devnet.wallets[5]!,
      registry: contracts().AgentRegistry,
      agentURI: "https://absent.example/.well-known/agent-registration.json",
    });
    const input = [256n, 0n, -256n, 0n, 128n, 0n, -128n, 64n];
    const salt = randomSalt();
    const { timestamp } = await devnet.publicClient.getBlock();
    const exclusiveUntil = timestamp + 30n;
    const { jobId } = await openJob({
      client: requester(),
      escrow: contracts().InferenceEscrow,
      modelId,
      inputCommitment: await commitInput({ input, salt }),
      amount,
      deadline: timestamp + 600n,
      workerAgentId: absent,
      exclusiveUntil,
      payment: "permit",
    });

    const refused = await deliverJobInput({ workerUrl: worker.url, jobId, input, salt }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkerJobConflictError);
    expect(refused).toMatchObject({ status: 409, code: "JOB_ASSIGNED_ELSEWHERE" });
    expect((refused as Error).message).toContain(`reserved for agent ${absent} until ${exclusiveUntil}`);

    await increaseTime({ rpcUrl: devnet.url, seconds: 40 });
    const { accepted } = await deliverJobInput({ workerUrl: worker.url, jobId, input, salt });
    expect(accepted).toBe(true);
    const attestation = await waitForAttestation({
      client: devnet.publicClient,
      escrow: contracts().InferenceEscrow,
      attestor: contracts().InferenceAttestor,
      jobId,
      timeoutMs: 120_000,
    });
    expect(attestation).toMatchObject({ jobId, worker: workerAddress() });
    expect(attestation.outputs).toEqual(forward({ model: quantized, input }).output);
    // The escrow names the agent that fulfilled it, and paid its wallet (another test's job may settle meanwhile, so
    // the payment is read from this job's event rather than from the balance).
    const job = await getJob({ client: devnet.publicClient, escrow: contracts().InferenceEscrow, jobId });
    expect(job).toMatchObject({ status: "fulfilled", workerAgentId: worker.agentId });
    const [fulfilled] = await devnet.publicClient.getContractEvents({
      address: contracts().InferenceEscrow,
      abi: inferenceEscrowAbi,
      eventName: "JobFulfilled",
      args: { jobId },
      fromBlock: 0n,
    });
    expect(fulfilled!.args).toMatchObject({ workerAgentId: worker.agentId, worker: workerAddress(), amount });
  });
});
