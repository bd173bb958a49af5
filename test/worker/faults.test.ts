import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { inferenceEscrowAbi, usdcAbi, writeDeployment } from "@convergence/contracts";
import { type LaunchWorkerReturnType, launchWorker, startNode } from "@convergence/devnet";
import { deliverJobInput, getJob, getWorkerJob, getWorkerModels, openJob, type WorkerJobState } from "@convergence/sdk";
import { commitInput, randomSalt } from "@convergence/zk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Devnet, startDevnet } from "../helpers/startDevnet.ts";

/**
 * The worker under faults: killed with SIGKILL in the middle of a proof, stopped with SIGTERM while proving, and the
 * chain node restarted under it. One chain for the file; each case starts its own worker process.
 */
describe("worker faults", () => {
  let devnet: Devnet;
  let dir: string;
  let modelId: bigint;
  const workers: LaunchWorkerReturnType[] = [];
  const amount = 2_000_000n;
  const input = [128n, -320n, 26n, 512n, -1n, 0n, 384n, -512n];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "worker-faults-"));
    devnet = await startDevnet();
    writeDeployment({ deployment: devnet.deployment, dir });
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop({ signal: "SIGKILL" });
    await devnet?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const contracts = () => devnet.deployment.contracts;
  const start = async (dbName: string, rpcUrl = devnet.url) => {
    const worker = await launchWorker({ rpcUrl, deploymentsDir: dir, dbPath: join(dir, dbName) });
    workers.push(worker);
    modelId ??= BigInt((await getWorkerModels({ workerUrl: worker.url }))[0]!.modelId!);
    return worker;
  };
  const openAndDeliver = async (worker: LaunchWorkerReturnType) => {
    const salt = randomSalt();
    const { timestamp } = await devnet.publicClient.getBlock();
    const { jobId } = await openJob({
      client: devnet.wallets[3]!,
      escrow: contracts().InferenceEscrow,
      modelId,
      inputCommitment: await commitInput({ input, salt }),
      amount,
      deadline: timestamp + 600n,
      payment: "permit",
    });
    await deliverJobInput({ workerUrl: worker.url, jobId, input, salt });
    return jobId;
  };
  // Up to a restart and a proof under load (measured: the whole SIGKILL test took 99 s); the test's own timeout is larger.
  const waitForState = async (
    worker: LaunchWorkerReturnType,
    jobId: bigint,
    states: WorkerJobState[],
    timeoutMs = 180_000,
  ) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await getWorkerJob({ workerUrl: worker.url, jobId });
      if (states.includes(job.state)) return job;
      if (Date.now() > deadline) throw new Error(`job ${jobId} stayed ${job.state}, expected ${states.join("/")}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const fulfilments = (jobId: bigint) =>
    devnet.publicClient.getContractEvents({
      address: contracts().InferenceEscrow,
      abi: inferenceEscrowAbi,
      eventName: "JobFulfilled",
      args: { jobId },
      fromBlock: 0n,
    });
  const workerUsdc = () =>
    devnet.publicClient.readContract({
      address: contracts().USDC,
      abi: usdcAbi,
      functionName: "balanceOf",
      args: [devnet.accounts[2]!.address],
    });

  it("SIGKILL in the middle of a proof: after a restart the job settles exactly once", async () => {
    const first = await start("killed.sqlite");
    const paidBefore = await workerUsdc();
    const jobId = await openAndDeliver(first);
    await waitForState(first, jobId, ["proving"]);
    expect(await first.stop({ signal: "SIGKILL" })).toEqual({ code: null, signal: "SIGKILL" });
    // Killed before its fulfil: the escrow still holds the payment.
    expect((await getJob({ client: devnet.publicClient, escrow: contracts().InferenceEscrow, jobId })).status).toBe(
      "open",
    );

    const second = await start("killed.sqlite");
    const settled = await waitForState(second, jobId, ["settled", "failed"]);
    expect(settled).toMatchObject({ state: "settled", attempts: 2, error: null });
    expect(second.output()).toContain(`resuming job jobId=${jobId} state=proving`);
    expect(await fulfilments(jobId)).toHaveLength(1);
    expect(await workerUsdc()).toBe(paidBefore + amount);
    await second.stop({ signal: "SIGTERM" });
  });

  it("SIGTERM while proving: the in-flight job finishes and settles, then the worker exits 0", async () => {
    const worker = await start("drained.sqlite");
    const jobId = await openAndDeliver(worker);
    await waitForState(worker, jobId, ["proving"]);
    expect(await worker.stop({ signal: "SIGTERM" })).toEqual({ code: 0, signal: null });
    expect((await getJob({ client: devnet.publicClient, escrow: contracts().InferenceEscrow, jobId })).status).toBe(
      "fulfilled",
    );
    expect(await fulfilments(jobId)).toHaveLength(1);
    expect(worker.output()).toMatch(/draining reason=SIGTERM running=1/);
  });

  it("a chain node restarted mid-flow: the worker sees the new genesis, fails the old chain's jobs and exits 1", async () => {
    const worker = await start("reset.sqlite");
    const jobId = await openAndDeliver(worker);
    await waitForState(worker, jobId, ["proving"]);
    // The node goes down while the job is proven, and comes back on the same port as a fresh chain.
    const port = devnet.node.port;
    await devnet.node.stop();
    const restarted = await startNode({ port });
    try {
      const exit = await worker.exited;
      expect(exit).toEqual({ code: 1, signal: null });
      expect(worker.output()).toMatch(/the chain was reset: stopping/);
      const db = new DatabaseSync(join(dir, "reset.sqlite"));
      const row = db.prepare("SELECT state, error FROM jobs WHERE job_id = ?").get(String(jobId)) as {
        state: string;
        error: string;
      };
      db.close();
      expect(row.state).toBe("failed");
      expect(JSON.parse(row.error)).toMatchObject({ code: "CHAIN_RESET" });
    } finally {
      await restarted.stop();
    }
  });
});
