import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";
import type { JobStatus } from "@convergence/sdk";
import { buildPackageInput, computeBinding, forward, type Groth16Calldata } from "@convergence/zk";
import type { Hex } from "viem";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fakeProof } from "../../test/jobFixtures.ts";
import type { ChainGateway, JobReading } from "../chain/types.ts";
import { JobFailedError, ProverCrashedError } from "../errors/jobs.ts";
import { loadServedModels } from "../inference/loadServedModels.ts";
import type { ServedCircuit, ServedModel } from "../inference/types.ts";
import { createLogger } from "../log/createLogger.ts";
import { createMetrics } from "../metrics/createMetrics.ts";
import type { Prover, ProveTask } from "../prover/types.ts";
import { type JobStore, openJobStore } from "../store/openJobStore.ts";

import { createJobProcessor } from "./createJobProcessor.ts";

/**
 * The job state machine against an in-memory escrow and a prover that computes the reference forward pass. The real
 * prover threads are tested in src/prover/, the real chain in test/worker/.
 */
describe("createJobProcessor", () => {
  let model: ServedModel;
  let circuit: ServedCircuit;
  let home: string;
  let store: JobStore;
  let escrow: Map<bigint, JobReading>;
  let sent: bigint[];
  let sentCalldata: Groth16Calldata[];
  let proved: ProveTask[];
  let proverFault: Error | undefined;
  let wrongOutput: boolean;
  let chainDown: boolean;
  let revertSend: boolean;
  let receiptStatus: "success" | "reverted";
  const input = [128n, -320n, 26n, 512n, -1n, 0n, 384n, -512n];
  const AGENT = 3n;

  beforeAll(async () => {
    model = (await loadServedModels({ names: ["risk-v1"], home: "/nonexistent" })).get("risk-v1")! as ServedModel;
    home = mkdtempSync(join(tmpdir(), "job-processor-"));
    mkdirSync(join(home, "circuits"));
    const example = join(workspaceRoot(), "circuits", "examples", "linear-threshold");
    cpSync(example, join(home, "circuits", "linear-threshold"), { recursive: true });
    circuit = (await loadServedModels({ names: ["linear-threshold"], home })).get("linear-threshold") as ServedCircuit;
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  beforeEach(() => {
    store = openJobStore({ path: ":memory:", chainKey: "test" });
    escrow = new Map();
    sent = [];
    sentCalldata = [];
    proved = [];
    proverFault = undefined;
    wrongOutput = false;
    chainDown = false;
    revertSend = false;
    receiptStatus = "success";
  });

  const chain: ChainGateway = {
    chainId: 31337,
    escrow: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    workerAddress: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    agentId: AGENT,
    async readJob(jobId) {
      if (chainDown) throw new Error("fetch failed");
      return escrow.get(jobId)!;
    },
    async sendFulfill({ jobId, calldata }) {
      if (chainDown) throw new Error("fetch failed");
      if (revertSend) {
        throw new JobFailedError({ code: "FULFILL_REVERTED", message: "would revert: InferenceAttestorProofRejected" });
      }
      sent.push(jobId);
      sentCalldata.push(calldata);
      if (receiptStatus === "success") {
        const record = escrow.get(jobId)!;
        escrow.set(jobId, { ...record, job: { ...record.job, status: "fulfilled", workerAgentId: AGENT } });
      }
      return `0x${jobId.toString(16).padStart(64, "0")}` as Hex;
    },
    async waitForReceipt() {
      return { status: receiptStatus, blockNumber: 10n };
    },
  };
  const prover: Prover = {
    async prove(task) {
      proved.push(task);
      if (proverFault) throw proverFault;
      const { output } =
        "quantized" in task
          ? forward({ model: task.quantized, input: task.input })
          : {
              output: (await buildPackageInput({ pkg: circuit.pkg, input: task.input, salt: task.salt })).outputs,
            };
      const { proof, calldata } = fakeProof({ publicSignals: ["1", "2", task.binding.toString()] });
      return {
        output: wrongOutput ? output.map((v) => v + 1n) : output,
        publicSignals: ["1", "2", task.binding.toString(), ...output.map(String)],
        proof,
        calldata,
        proveMs: 600,
      };
    },
  };
  const processor = () =>
    createJobProcessor({
      store,
      chain,
      prover,
      modelFor: async (modelId) => (modelId === 1n ? model : modelId === 2n ? circuit : undefined),
      metrics: createMetrics({
        jobCounts: () => store.countByState(),
        queue: () => ({ depth: 0, running: 0, limit: 1 }),
        processMetrics: false,
      }),
      log: createLogger({ level: "silent" }),
      maxAttempts: 2,
      minPrice: { default: 100_000n, byModel: { "linear-threshold": 50_000n } },
      requiredSeconds: () => 35,
    });

  /** A job opened on the escrow and delivered to the store in `state`. */
  const job = (
    jobId: bigint,
    state: "received" | "proving" | "submitted" = "received",
    status: JobStatus = "open",
    modelId = 1n,
    {
      amount = 2_000_000n,
      deadline = 2_000n,
      workerAgentId = 0n,
      exclusiveUntil = workerAgentId === 0n ? 0n : deadline,
    }: { amount?: bigint; deadline?: bigint; workerAgentId?: bigint; exclusiveUntil?: bigint } = {},
  ) => {
    const opened = {
      jobId,
      modelId,
      requester: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" as const,
      inputCommitment: 77n,
      amount,
      deadline,
      workerAgentId,
      exclusiveUntil,
      openedBlock: 5n,
      openedTx: undefined,
    };
    const { openedBlock, openedTx, ...terms } = opened;
    escrow.set(jobId, { job: { ...terms, exclusiveUntil, status }, chainTime: 1_000n });
    store.insertOpened(opened);
    store.transition({ jobId, from: ["open"], to: state, patch: { input, salt: 5n, timings: { receivedAt: 1 } } });
  };

  it("proves, checks the outputs against the int64 ONNX model, fulfils and settles a received job", async () => {
    job(1n);
    await processor().process(1n);
    const settled = store.get(1n)!;
    expect(settled).toMatchObject({
      state: "settled",
      attempts: 1,
      output: forward({ model: model.quantized, input }).output,
    });
    expect(settled.txHashes).toEqual([`0x${"1".padStart(64, "0")}`]);
    expect(Object.keys(settled.timings).sort()).toEqual(
      ["provedAt", "proveMs", "provingStartedAt", "receivedAt", "settledAt", "submittedAt"].sort(),
    );
    expect(proved).toHaveLength(1);
    expect(proved[0]!.binding).toBeGreaterThan(0n);
    expect(sent).toEqual([1n]);
    // Processing a settled job again does nothing.
    await processor().process(1n);
    expect(sent).toEqual([1n]);
  });

  it("proves and fulfils a job reserved for another agent whose exclusive window has passed (failover)", async () => {
    // Reserved for agent 9 until chain time 900; the chain is at 1000: any agent may fulfil it now.
    job(40n, "received", "open", 1n, { workerAgentId: 9n, exclusiveUntil: 900n });
    await processor().process(40n);
    expect(store.get(40n)).toMatchObject({
      state: "settled",
      output: forward({ model: model.quantized, input }).output,
    });
    expect(sent).toEqual([40n]);
    // The proof is bound to this worker (its own address in the binding), not to the agent the job was reserved for.
    expect(proved[0]!.binding).toBe(
      computeBinding({ chainId: 31337, escrow: chain.escrow, jobId: 40n, worker: chain.workerAddress }),
    );

    // The reserved agent delivered late but first: nothing is proven or sent, the job fails as fulfilled elsewhere.
    job(41n, "received", "open", 1n, { workerAgentId: 9n, exclusiveUntil: 900n });
    const before = escrow.get(41n)!;
    const processing = processor().process(41n);
    escrow.set(41n, { ...before, job: { ...before.job, status: "fulfilled", workerAgentId: 9n } });
    await processing;
    expect(store.get(41n)).toMatchObject({ state: "failed", error: { code: "JOB_FULFILLED_ELSEWHERE" } });
    expect(proved).toHaveLength(1);
    expect(sent).toEqual([40n]);
  });

  it("never proves a job below its model's price floor, nor one too close to its deadline", async () => {
    job(30n, "received", "open", 1n, { amount: 1n });
    job(31n, "received", "open", 1n, { amount: 99_999n });
    // 20 s left at chain time 1000; proving and fulfilling takes 35 s here.
    job(32n, "received", "open", 1n, { deadline: 1_020n });
    for (const jobId of [30n, 31n, 32n]) await processor().process(jobId);
    expect(proved).toEqual([]);
    expect(sent).toEqual([]);
    expect(store.get(30n)).toMatchObject({ state: "failed", error: { code: "BELOW_PRICE_FLOOR" }, input: undefined });
    expect(store.get(30n)!.error!.message).toContain("pays 0.000001 USDC");
    expect(store.get(30n)!.error!.message).toContain("at least 0.1 USDC");
    expect(store.get(31n)).toMatchObject({ state: "failed", error: { code: "BELOW_PRICE_FLOOR" } });
    expect(store.get(32n)).toMatchObject({ state: "failed", error: { code: "DEADLINE_TOO_SOON" }, salt: undefined });
    expect(store.get(32n)!.error!.message).toContain("20 s left");

    // The floor is per model: 0.06 USDC is below risk-v1's 0.1 but above linear-threshold's 0.05.
    job(33n, "received", "open", 2n, { amount: 60_000n });
    await processor().process(33n);
    expect(store.get(33n)?.state).toBe("settled");
    expect(proved.map((task) => task.model)).toEqual(["linear-threshold"]);
  });

  it("proves a circuit package's job in the prover with its directory and checks the outputs against its reference", async () => {
    job(21n, "received", "open", 2n);
    await processor().process(21n);
    const { outputs } = await buildPackageInput({ pkg: circuit.pkg, input, salt: 5n });
    expect(store.get(21n)).toMatchObject({ state: "settled", output: outputs });
    expect(proved[0]).toMatchObject({ model: "linear-threshold", circuitDir: circuit.pkg.dir, input, salt: 5n });
    expect(proved[0]).not.toHaveProperty("quantized");

    wrongOutput = true;
    job(22n, "received", "open", 2n);
    await processor().process(22n);
    expect(store.get(22n)).toMatchObject({ state: "failed", error: { code: "OUTPUT_MISMATCH" } });
    expect(store.get(22n)!.error!.message).toContain("circuit package's reference");
  });

  it("settles without proving or paying again a job this agent fulfilled before a crash", async () => {
    job(2n, "proving");
    escrow.set(2n, { ...escrow.get(2n)!, job: { ...escrow.get(2n)!.job, status: "fulfilled", workerAgentId: AGENT } });
    await processor().process(2n);
    expect(store.get(2n)!.state).toBe("settled");
    expect(proved).toEqual([]);
    expect(sent).toEqual([]);
  });

  it.each([
    ["fulfilled by another agent", "fulfilled", 9n, 1_000n, "JOB_FULFILLED_ELSEWHERE"],
    ["refunded", "refunded", 0n, 1_000n, "JOB_REFUNDED"],
    ["past its deadline", "open", 0n, 3_000n, "JOB_EXPIRED"],
    ["gone from the escrow", "none", 0n, 1_000n, "JOB_NOT_FOUND"],
  ] as const)("skips a job %s, without proving", async (_case, status, agent, chainTime, code) => {
    job(3n);
    escrow.set(3n, { job: { ...escrow.get(3n)!.job, status, workerAgentId: agent }, chainTime });
    await processor().process(3n);
    expect(store.get(3n)).toMatchObject({ state: "failed", error: { code } });
    expect(proved).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("resumes from a saved proof without proving again, and resends a fulfil that did not land", async () => {
    job(4n);
    receiptStatus = "reverted";
    await expect(processor().process(4n)).resolves.toBeUndefined();
    expect(store.get(4n)).toMatchObject({ state: "failed", error: { code: "FULFILL_REVERTED" } });

    receiptStatus = "success";
    job(5n);
    const p = processor();
    await p.process(5n);
    // As if the process had died after sending: the store says submitted, the chain says open.
    job(6n, "received");
    store.transition({
      jobId: 6n,
      from: ["received"],
      to: "submitted",
      patch: { proof: store.get(5n)!.proof!, output: store.get(5n)!.output!, txHash: "0xdead" },
    });
    proved.length = 0;
    await p.process(6n);
    expect(store.get(6n)).toMatchObject({ state: "settled", txHashes: ["0xdead", `0x${"6".padStart(64, "0")}`] });
    expect(proved).toEqual([]);
    // The saved proof reaches the transaction as the prover typed it: bigints, through the database and back.
    const binding = computeBinding({
      chainId: chain.chainId,
      escrow: chain.escrow,
      jobId: 5n,
      worker: chain.workerAddress,
    });
    expect(sentCalldata.at(-1)).toEqual({
      pA: [1n, 2n],
      pB: [
        [3n, 4n],
        [5n, 6n],
      ],
      pC: [7n, 8n],
      pubSignals: [1n, 2n, binding],
    });
  });

  it("keeps a job for a retry when the prover crashes, and fails it after the last attempt", async () => {
    job(7n);
    proverFault = new ProverCrashedError({ reason: "out of memory" });
    await expect(processor().process(7n)).rejects.toThrow(ProverCrashedError);
    expect(store.get(7n)).toMatchObject({ state: "proving", attempts: 1 });
    await processor().process(7n);
    expect(store.get(7n)).toMatchObject({ state: "failed", attempts: 2, error: { code: "PROVE_FAILED" } });
  });

  it("fails a job whose proven outputs differ from the int64 ONNX model's", async () => {
    job(8n);
    wrongOutput = true;
    await processor().process(8n);
    expect(store.get(8n)).toMatchObject({ state: "failed", error: { code: "OUTPUT_MISMATCH" } });
    expect(sent).toEqual([]);
  });

  it("fails a job whose fulfil simulation reverts, naming the revert", async () => {
    job(9n);
    revertSend = true;
    await processor().process(9n);
    expect(store.get(9n)).toMatchObject({ state: "failed", error: { code: "FULFILL_REVERTED" } });
    expect(store.get(9n)!.error!.message).toContain("InferenceAttestorProofRejected");
  });

  it("leaves a job where it was when the chain is unreachable, for a retry", async () => {
    job(10n);
    chainDown = true;
    await expect(processor().process(10n)).rejects.toThrow("fetch failed");
    expect(store.get(10n)).toMatchObject({ state: "received", attempts: 0 });
    chainDown = false;
    await processor().process(10n);
    expect(store.get(10n)!.state).toBe("settled");
  });
});
