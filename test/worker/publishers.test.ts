import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeDeployment } from "@convergence/contracts";
import { type LaunchWorkerReturnType, launchWorker } from "@convergence/devnet";
import {
  deliverJobInput,
  getModel,
  getWorkerJob,
  getWorkerModels,
  type Model,
  openJob,
  registerModel,
  WorkerModelNotServedError,
  waitForAttestation,
} from "@convergence/sdk";
import { commitInput, randomSalt } from "@convergence/zk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Devnet, startDevnet } from "../helpers/startDevnet.ts";

/**
 * Issue #14 (D5) on a live chain, with the worker as `pnpm worker` runs it: it proves jobs of a registration owned by one
 * of its publishers (the devnet publisher, account #3, by default), and never those of a stranger's exact duplicate
 * (same commitment, key hash and verifier), whose input it refuses so that no output exists to leak. It advertises its
 * agent id so that a requester can reserve the job for it.
 */
describe("the worker serves only its publishers' registrations", () => {
  let devnet: Devnet;
  let worker: LaunchWorkerReturnType;
  let dir: string;
  let own: Model;
  const input = [128n, -320n, 26n, 512n, -1n, 0n, 384n, -512n];
  const publisher = 3;
  const stranger = 5;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "worker-publishers-"));
    devnet = await startDevnet();
    writeDeployment({ deployment: devnet.deployment, dir });
    worker = await launchWorker({ rpcUrl: devnet.url, deploymentsDir: dir, dbPath: join(dir, "jobs.sqlite") });
    const [served] = await getWorkerModels({ workerUrl: worker.url });
    own = await getModel({
      client: devnet.publicClient,
      registry: devnet.deployment.contracts.ModelRegistry,
      modelId: BigInt(served!.modelId!),
    });
  });
  afterAll(async () => {
    await worker?.stop({ signal: "SIGTERM" });
    await devnet?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** risk-v1 registered again by `from`, with exactly the worker's commitment, key hash and verifier. */
  const duplicate = async (from: number) => {
    const { modelId } = await registerModel({
      client: devnet.wallets[from]!,
      registry: devnet.deployment.contracts.ModelRegistry,
      commitment: own.commitment,
      verifier: own.verifier,
      numOutputs: own.numOutputs,
      circuitId: own.circuitId,
      vkeyHash: own.vkeyHash,
      onnxHash: own.onnxHash,
      uri: own.uri,
    });
    return modelId;
  };
  const open = async (modelId: bigint) => {
    const salt = randomSalt();
    const { timestamp } = await devnet.publicClient.getBlock();
    const { jobId } = await openJob({
      client: devnet.wallets[0]!,
      escrow: devnet.deployment.contracts.InferenceEscrow,
      modelId,
      inputCommitment: await commitInput({ input, salt }),
      amount: 2_000_000n,
      deadline: timestamp + 600n,
      payment: "permit",
    });
    return { jobId, salt };
  };

  it("advertises its ERC-8004 agent id in GET /healthz and GET /v1/models", async () => {
    const health = (await (await fetch(`${worker.url}/healthz`)).json()) as { agentId: string };
    const models = (await (await fetch(`${worker.url}/v1/models`)).json()) as { agentId: string };
    expect(health.agentId).toBe(worker.agentId.toString());
    expect(models.agentId).toBe(worker.agentId.toString());
    const [served] = await getWorkerModels({ workerUrl: worker.url });
    expect(served!.agentId).toBe(worker.agentId.toString());
  });

  it("proves a job of the devnet publisher's registration of its key", async () => {
    const modelId = await duplicate(publisher);
    const { jobId, salt } = await open(modelId);
    expect((await deliverJobInput({ workerUrl: worker.url, jobId, input, salt })).accepted).toBe(true);
    const attestation = await waitForAttestation({
      client: devnet.publicClient,
      escrow: devnet.deployment.contracts.InferenceEscrow,
      attestor: devnet.deployment.contracts.InferenceAttestor,
      jobId,
      timeoutMs: 120_000,
    });
    expect(attestation).toMatchObject({ jobId, modelId, worker: worker.account });
  });

  it("never proves a stranger's duplicate: the input is refused, no output exists, the reason is logged once", async () => {
    const modelId = await duplicate(stranger);
    const { jobId, salt } = await open(modelId);
    for (let i = 0; i < 2; i++) {
      const refused = await deliverJobInput({ workerUrl: worker.url, jobId, input, salt }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(WorkerModelNotServedError);
    }
    const view = await getWorkerJob({ workerUrl: worker.url, jobId });
    expect(view).toMatchObject({ state: "open", output: null, proof: null, txHashes: [] });
    const refusals = worker
      .output()
      .split("\n")
      .filter((line) => line.includes("registration not served") && line.includes(`modelId=${modelId} `));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain(`owner=${devnet.accounts[stranger]!.address}`);
    expect(refusals[0]).toContain("is not one of this worker's publishers");
  });
});
