import type { Job } from "@convergence/sdk";
import { workerJobReadMessage } from "@convergence/sdk";
import { commitInput } from "@convergence/zk";
import { privateKeyToAccount } from "viem/accounts";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { escrowJob, fakeProof } from "../../test/jobFixtures.ts";
import type { JobReading } from "../chain/types.ts";
import { JobTermsRefusedError, RequesterSignatureError } from "../errors/http.ts";
import { loadServedModels } from "../inference/loadServedModels.ts";
import type { ServedModel } from "../inference/types.ts";
import { createLogger } from "../log/createLogger.ts";
import { createJobQueue, type JobQueue } from "../queue/createJobQueue.ts";
import { type JobStore, openJobStore } from "../store/openJobStore.ts";
import { createJobService } from "./createJobService.ts";

// Hardhat's public development accounts #1 (the requester) and #4 (a stranger).
const requester = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const stranger = privateKeyToAccount("0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a");
const chainId = 31337;
const escrow = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

/**
 * The job service's guards against strangers (issue #14, findings 5 and 6), with the real store, queue and model;
 * only the escrow is a table.
 */
describe("createJobService", () => {
  let model: ServedModel;
  let inputCommitment: bigint;
  let store: JobStore;
  let queue: JobQueue;
  let handled: bigint[];
  let onChain: Map<bigint, JobReading>;
  const input = [128n, -320n, 26n, 512n, -1n, 0n, 384n, -512n];
  const salt = 2n ** 200n + 7n;
  const chainTime = 1_900_000_000n;

  beforeAll(async () => {
    model = (await loadServedModels({ names: ["risk-v1"], home: "/nonexistent" })).get("risk-v1") as ServedModel;
    inputCommitment = await commitInput({ input, salt });
  });
  beforeEach(() => {
    store = openJobStore({ path: ":memory:", chainKey: "test" });
    handled = [];
    onChain = new Map();
    // Slots that never free up: whatever is queued stays, so the test sees what took a place.
    queue = createJobQueue({
      limit: 32,
      concurrency: 1,
      handle: (jobId) => {
        handled.push(jobId);
        return new Promise(() => {});
      },
      priority: (jobId) => store.get(jobId)?.amount ?? 0n,
    });
  });

  const open = (jobId: bigint, overrides: Partial<Job> = {}) => {
    onChain.set(jobId, {
      job: escrowJob({ jobId, requester: requester.address, inputCommitment, ...overrides }),
      chainTime,
    });
  };
  const service = () =>
    createJobService({
      store,
      queue,
      queueLimit: 32,
      chain: { chainId, escrow, agentId: 1n, readJob: async (jobId) => onChain.get(jobId)! },
      minPrice: { default: 160_000n, byModel: {} },
      deadlineMarginSeconds: 30,
      modelFor: async (modelId) => (modelId === 1n ? model : undefined),
      served: () => ["risk-v1"],
      isDraining: () => false,
      log: createLogger({ level: "silent" }),
    });

  it("refuses 32 one-unit jobs without queueing them (402 naming the floor), and a real job right after is proven", async () => {
    const jobs = service();
    for (let jobId = 100n; jobId < 132n; jobId++) {
      open(jobId, { amount: 1n });
      const refused = await jobs.deliverInput({ jobId, input, salt }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(JobTermsRefusedError);
      expect(refused).toMatchObject({ status: 402, code: "BELOW_PRICE_FLOOR" });
      expect((refused as Error).message).toContain("at least 0.16 USDC");
      expect(store.get(jobId)).toMatchObject({
        state: "failed",
        error: { code: "BELOW_PRICE_FLOOR" },
        input: undefined,
      });
    }
    expect(queue.depth()).toBe(0);
    expect(handled).toEqual([]);
    expect((await jobs.getJob({ jobId: 100n })).error).toMatchObject({ code: "BELOW_PRICE_FLOOR" });
    // Delivering again changes nothing: the job stays skipped.
    await jobs.deliverInput({ jobId: 100n, input, salt });
    expect(handled).toEqual([]);

    open(1n);
    const { created, view } = await jobs.deliverInput({ jobId: 1n, input, salt });
    expect(created).toBe(true);
    expect(view.state).toBe("received");
    expect(handled).toEqual([1n]);
  });

  it("refuses a job reserved for another agent while its window runs (409 naming until when), takes it after", async () => {
    const jobs = service();
    // Reserved for agent 9 (this worker is agent 1) until a minute from now.
    const until = chainTime + 60n;
    open(50n, { workerAgentId: 9n, exclusiveUntil: until });
    const refused = await jobs.deliverInput({ jobId: 50n, input, salt }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 409, code: "JOB_ASSIGNED_ELSEWHERE" });
    expect((refused as Error).message).toContain(`reserved for agent 9 until ${until}`);
    expect((refused as Error).message).toContain(new Date(Number(until) * 1000).toISOString());
    expect((refused as Error).message).toContain("this worker is agent 1");
    // Refused, not failed: the job stays open here, to be taken once the window has passed.
    expect(store.get(50n)).toMatchObject({ state: "open", workerAgentId: 9n, input: undefined });
    expect(handled).toEqual([]);

    // At the window's last second the reserved agent alone may still fulfil it.
    onChain.set(50n, { ...onChain.get(50n)!, chainTime: until });
    await expect(jobs.deliverInput({ jobId: 50n, input, salt })).rejects.toMatchObject({
      code: "JOB_ASSIGNED_ELSEWHERE",
    });

    // One second later the window has passed: the job is read again from the chain and taken (failover).
    onChain.set(50n, { ...onChain.get(50n)!, chainTime: until + 1n });
    const { created, view } = await jobs.deliverInput({ jobId: 50n, input, salt });
    expect(created).toBe(true);
    expect(view.state).toBe("received");
    expect(handled).toEqual([50n]);
  });

  it("takes a job reserved for another agent whose window passed before it ever saw it, and still checks its terms", async () => {
    const jobs = service();
    open(51n, { workerAgentId: 9n, exclusiveUntil: chainTime - 1n });
    expect((await jobs.deliverInput({ jobId: 51n, input, salt })).created).toBe(true);
    // Failover does not lower the price floor: a cheap job reserved elsewhere is still refused unproven.
    open(52n, { workerAgentId: 9n, exclusiveUntil: chainTime - 1n, amount: 1n });
    await expect(jobs.deliverInput({ jobId: 52n, input, salt })).rejects.toMatchObject({ code: "BELOW_PRICE_FLOOR" });
    // Nor a wrong input: its commitment is checked as for any other job.
    open(53n, { workerAgentId: 9n, exclusiveUntil: chainTime - 1n });
    await expect(jobs.deliverInput({ jobId: 53n, input: input.map((v) => -v), salt })).rejects.toMatchObject({
      code: "COMMITMENT_MISMATCH",
    });
    expect(handled).toEqual([51n]);
  });

  it("refuses a job whose deadline leaves less than the measured prove-and-fulfil time plus the margin (409)", async () => {
    const jobs = service();
    // The queue's estimate before any job ran is 5 s; with the 30 s margin, 35 s are needed.
    open(2n, { deadline: chainTime + 34n });
    await expect(jobs.deliverInput({ jobId: 2n, input, salt })).rejects.toMatchObject({
      status: 409,
      code: "DEADLINE_TOO_SOON",
    });
    expect(store.get(2n)).toMatchObject({ state: "failed", error: { code: "DEADLINE_TOO_SOON" } });
    open(3n, { deadline: chainTime + 35n });
    expect((await jobs.deliverInput({ jobId: 3n, input, salt })).created).toBe(true);
    expect(handled).toEqual([3n]);
  });

  it("shows output and proof before settlement only to the requester's signed read, and to anyone once settled", async () => {
    const jobs = service();
    open(1n);
    await jobs.deliverInput({ jobId: 1n, input, salt });
    const proof = fakeProof({ publicSignals: ["1", "2", "3", "4", "5", "6"] });
    // Proven, fulfil sent, not yet mined: the moment finding 5's attacker reads the output and retires the model.
    store.transition({ jobId: 1n, from: ["received"], to: "submitted", patch: { output: [10n, 20n, 30n], proof } });

    const anyone = await jobs.getJob({ jobId: 1n });
    expect(anyone).toMatchObject({ state: "submitted", output: null, proof: null, requester: requester.address });

    const message = workerJobReadMessage({ chainId, escrow, jobId: 1n });
    const signed = await jobs.getJob({ jobId: 1n, requesterSignature: await requester.signMessage({ message }) });
    expect(signed.output?.raw).toEqual(["10", "20", "30"]);
    expect(signed.proof?.publicSignals).toEqual(proof.publicSignals);

    // A stranger's signature, the requester's over another job, or garbage: 401, and nothing shown.
    const other = workerJobReadMessage({ chainId, escrow, jobId: 2n });
    for (const requesterSignature of [
      await stranger.signMessage({ message }),
      await requester.signMessage({ message: other }),
      "0x1234",
      "not hex",
    ]) {
      const refused = await jobs.getJob({ jobId: 1n, requesterSignature }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(RequesterSignatureError);
      expect(refused).toMatchObject({ status: 401, code: "REQUESTER_SIGNATURE_INVALID" });
      expect((refused as Error).message).toContain(requester.address);
    }

    // The input and salt are still needed until the job ends; once settled they are gone and the output is public.
    expect(store.get(1n)).toMatchObject({ input, salt });
    store.transition({ jobId: 1n, from: ["submitted"], to: "settled" });
    expect(store.get(1n)).toMatchObject({ input: undefined, salt: undefined });
    expect((await jobs.getJob({ jobId: 1n })).output?.raw).toEqual(["10", "20", "30"]);
  });
});
