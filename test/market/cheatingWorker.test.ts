import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { reputationRegistryAbi, writeDeployment } from "@convergence/contracts";
import { type LaunchWorkerReturnType, launchWorker } from "@convergence/devnet";
import { loadModel, loadModelPin } from "@convergence/models";
import {
  buildWorkerRegistration,
  ContractRevertError,
  getModel,
  getWorkerModels,
  type ModelPin,
  registerAgent,
  sendFulfillJob,
  setAgentUri,
} from "@convergence/sdk";
import { computeBinding, prove } from "@convergence/zk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeWorker, PARTY, startFakeWorker, usdcOf } from "../adversary/helpers.ts";
import { runMarketJobs } from "../helpers/runMarketJobs.ts";
import { type Devnet, startDevnet } from "../helpers/startDevnet.ts";

const WINDOW_SECONDS = 15;
/** What a job pays: the honest worker's price, which the cheater lists too (failover goes only to a worker at or below it). */
const AMOUNT = 200_000n;

/**
 * Issue #15's cheating worker, with the adversary suite's fake worker: a registered ERC-8004 agent that advertises
 * risk-v1 with the honest pins at the honest worker's price (it wins the tie on its lower agent id), proves its identity, takes the input, and then tries to get paid
 * with a proof of the right input for another job, and with a valid proof whose outputs it changed. Neither verifies
 * (the escrow simulates first: nothing is even sent), the window passes, the job fails over to the honest worker, the
 * cheater is never paid and gets noShow feedback; the next choice passes it over.
 */
describe("a cheating worker in the market: never paid, noShow feedback, passed over after", () => {
  let devnet: Devnet;
  let dir: string;
  let honest: LaunchWorkerReturnType;
  let fake: FakeWorker;
  let cheaterId = 0n;
  let pin: ModelPin;
  let scale: number;
  /** What each fraud attempt came to: the contract's error name, or "sent" if one had gone through. */
  const frauds: { jobId: bigint; kind: string; result: string }[] = [];
  let fraudsDone: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "market-cheater-"));
    devnet = await startDevnet();
    writeDeployment({ deployment: devnet.deployment, dir });
    const contracts = devnet.deployment.contracts;
    const cheater = devnet.wallets[PARTY.attacker]!;
    // The cheater's agent before the honest worker's: at the same price, the lower agent id is chosen first.
    ({ agentId: cheaterId } = await registerAgent({
      client: cheater,
      registry: contracts.AgentRegistry,
      agentURI: "data:application/json;base64,e30=",
    }));
    honest = await launchWorker({
      rpcUrl: devnet.url,
      deploymentsDir: dir,
      dbPath: join(dir, "jobs.sqlite"),
      env: { WORKER_MIN_PRICE: "0.2" },
    });
    ({
      pin,
      manifest: { scale },
    } = await loadModelPin({ name: "risk-v1" }));
    const { quantized } = await loadModel({ name: "risk-v1" });
    const [served] = await getWorkerModels({ workerUrl: honest.url });
    const modelId = BigInt(served!.modelId!);
    const registration = await getModel({
      client: devnet.publicClient,
      registry: devnet.deployment.contracts.ModelRegistry,
      modelId,
    });
    let file: unknown;
    fake = await startFakeWorker({
      modelId,
      agentId: () => cheaterId,
      identity: { signer: devnet.accounts[PARTY.attacker]!, agentRegistry: contracts.AgentRegistry },
      registration: () => file,
      onInput: ({ jobId, input, salt }) => {
        const attempt = async (kind: string, calldata: Parameters<typeof sendFulfillJob>[0]["calldata"]) => {
          const result = await sendFulfillJob({
            client: cheater,
            escrow: contracts.InferenceEscrow,
            jobId,
            workerAgentId: cheaterId,
            calldata,
          }).then(
            () => "sent",
            (error: unknown) =>
              error instanceof ContractRevertError ? (error.errorName ?? error.message) : String(error),
          );
          frauds.push({ jobId, kind, result });
        };
        const binding = (forJob: bigint) =>
          computeBinding({
            chainId: 31337,
            escrow: contracts.InferenceEscrow,
            jobId: forJob,
            worker: cheater.account.address,
          });
        fraudsDone = fraudsDone.then(async () => {
          // A proof of this very input, bound to another job.
          const other = await prove({ model: quantized, input, salt, binding: binding(jobId + 1n) });
          await attempt("proof for another job", other.calldata);
          // A valid proof for this job, whose first output it raises before sending.
          const valid = await prove({ model: quantized, input, salt, binding: binding(jobId) });
          const signals = [...valid.calldata.pubSignals];
          signals[3] = signals[3]! + 1n;
          await attempt("other outputs", { ...valid.calldata, pubSignals: signals });
        });
      },
    });
    await setAgentUri({
      client: cheater,
      registry: contracts.AgentRegistry,
      agentId: cheaterId,
      agentURI: `${fake.url}/.well-known/agent-registration.json`,
    });
    file = buildWorkerRegistration({
      endpoint: fake.url,
      agentId: cheaterId,
      chainId: 31337,
      agentRegistry: contracts.AgentRegistry,
      models: [
        {
          name: "risk-v1",
          modelId,
          commitment: registration.commitment,
          vkeyHash: registration.vkeyHash,
          verifier: registration.verifier,
          price: AMOUNT,
          token: contracts.USDC,
        },
      ],
    });
  });
  afterAll(async () => {
    await fraudsDone;
    await fake?.stop();
    await honest?.stop({ signal: "SIGTERM" });
    await devnet?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const requester = () => ({ name: "requester", wallet: devnet.wallets[PARTY.requester]! });
  const oneJob = async () => {
    const [record] = await runMarketJobs({
      publicClient: devnet.publicClient,
      deployment: devnet.deployment,
      requesters: [requester()],
      jobs: 1,
      concurrency: 1,
      pin,
      amount: AMOUNT,
      outputScales: scale,
      exclusiveSeconds: WINDOW_SECONDS,
      deadlineSeconds: 600,
    });
    return record!;
  };

  it("is chosen first (same price, no record, lower agent id), takes the input, fails to get paid, and the honest worker settles", async () => {
    const cheaterBefore = await usdcOf(devnet, devnet.accounts[PARTY.attacker]!.address);
    const honestBefore = await usdcOf(devnet, honest.account);
    const record = await oneJob();
    await fraudsDone;
    expect(record.error).toBeUndefined();
    expect(record.reservedFor).toEqual([cheaterId, honest.agentId]);
    expect(fake.deliveries()).toEqual([`POST /v1/jobs/${record.jobId}/input`]);
    expect(frauds).toEqual([
      { jobId: record.jobId, kind: "proof for another job", result: "InferenceAttestorBindingMismatch" },
      { jobId: record.jobId, kind: "other outputs", result: "InferenceAttestorProofRejected" },
    ]);
    expect(record.outcome).toBe("fulfilled");
    expect(record.fulfilledBy).toBe(honest.agentId);
    expect(record.attempts.map(({ workerAgentId, outcome }) => ({ workerAgentId, outcome }))).toEqual([
      { workerAgentId: cheaterId, outcome: "noShow" },
      { workerAgentId: honest.agentId, outcome: "fulfilled" },
    ]);
    expect(await usdcOf(devnet, devnet.accounts[PARTY.attacker]!.address)).toBe(cheaterBefore);
    expect(await usdcOf(devnet, honest.account)).toBe(honestBefore + AMOUNT);
  });

  it("gets noShow feedback from the requester, on-chain", async () => {
    const registry = devnet.deployment.contracts.ReputationRegistry;
    const client = devnet.accounts[PARTY.requester]!.address;
    const last = await devnet.publicClient.readContract({
      address: registry,
      abi: reputationRegistryAbi,
      functionName: "getLastIndex",
      args: [cheaterId, client],
    });
    expect(last).toBe(1n);
    const [value, decimals, tag1, tag2, revoked] = await devnet.publicClient.readContract({
      address: registry,
      abi: reputationRegistryAbi,
      functionName: "readFeedback",
      args: [cheaterId, client, 1n],
    });
    expect({ value, decimals, tag1, tag2, revoked }).toEqual({
      value: 0n,
      decimals: 0,
      tag1: "successRate",
      tag2: "noShow",
      revoked: false,
    });
  });

  it("is passed over by the next choice: its success rate is under the floor, so the honest worker gets the job", async () => {
    const record = await oneJob();
    expect(record.outcome).toBe("fulfilled");
    expect(record.reservedFor).toEqual([honest.agentId]);
    expect(fake.deliveries()).toHaveLength(1);
  });
});
