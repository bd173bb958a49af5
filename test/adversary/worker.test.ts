import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inferenceAttestorAbi, validationRegistryAbi, writeDeployment } from "@convergence/contracts";
import { type LaunchWorkerReturnType, launchWorker } from "@convergence/devnet";
import { workspaceRoot } from "@convergence/paths";
import {
  ContractRevertError,
  deliverJobInput,
  getJob,
  getModel,
  getValidation,
  getWorkerJob,
  getWorkerModels,
  JobNotAttestableError,
  refundJob,
  registerAgent,
  registerModel,
  requestInference,
  retireModel,
  SetupControlledByWorkerError,
  ValidationNotByAttestorError,
  type WorkerJob,
  WorkerModelNotServedError,
  WorkerRequestError,
  WorkerUnauthorizedError,
  waitForAttestation,
} from "@convergence/sdk";
import { modelPinFromSetup, readSetupRecord } from "@convergence/zk";
import { type Hex, toHex, zeroHash } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/runCli.ts";
import { type Devnet, startDevnet } from "../helpers/startDevnet.ts";
import { increaseTime } from "../worker/increaseTime.ts";
import { jobCount, openRawJob, PARTY, rejection, usdcOf, waitUntil, withAutomineOff } from "./helpers.ts";

/** A circuit package anyone can add (`convergence circuit add`); small, so a fresh setup of it is quick. */
const LINEAR_THRESHOLD = join(workspaceRoot(), "circuits", "examples", "linear-threshold");

/**
 * Issue #14's findings against the worker and the readers of its work: griefing below cost (6), reading another
 * party's answer early (5), squatting validations (7), a duplicate registration and a retirement (5), a key whose setup
 * the worker ran alone (2). One live chain and one real worker process (risk-v1) for the file, plus a second worker for
 * finding 2; the tests run one after another and each opens its own jobs, so none depends on another's outcome.
 */
describe("adversary vs the worker: nothing below cost, nothing revealed early, no borrowed validation", () => {
  let devnet: Devnet;
  let worker: LaunchWorkerReturnType;
  let dir: string;
  let env: Record<string, string>;
  let modelId: bigint;
  const amount = 2_000_000n;
  const input = [128n, -320n, 26n, 512n, -1n, 0n, 384n, -512n] as const;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "adversary-worker-"));
    devnet = await startDevnet();
    writeDeployment({ deployment: devnet.deployment, dir });
    env = { CONVERGENCE_DEPLOYMENTS_DIR: dir, CONVERGENCE_RPC_URL: devnet.url };
    worker = await launchWorker({ rpcUrl: devnet.url, deploymentsDir: dir, dbPath: join(dir, "jobs.sqlite") });
    const [served] = await getWorkerModels({ workerUrl: worker.url });
    modelId = BigInt(served!.modelId!);
  });
  afterAll(async () => {
    await worker?.stop({ signal: "SIGTERM" });
    await devnet?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const contracts = () => devnet.deployment.contracts;
  const address = (party: number) => devnet.accounts[party]!.address;
  /** A metric's value from the worker's GET /metrics (0 when absent). */
  const metric = async (pattern: RegExp) => {
    const text = await (await fetch(`${worker.url}/metrics`)).text();
    const match = text.match(pattern);
    return match ? Number(match[1]) : 0;
  };
  const provedCount = () => metric(/^convergence_worker_prove_seconds_count (\d+)$/m);
  const settledView = (jobId: bigint) =>
    waitUntil({
      read: () => getWorkerJob({ workerUrl: worker.url, jobId }),
      done: (view: WorkerJob) => view.state === "settled",
      what: `job ${jobId} settled in the worker`,
      timeoutMs: 30_000,
    });
  /** Opens a job paying `amount` as the requester, delivers its input, and waits for the attestation. */
  const honestJob = async () => {
    const job = await openRawJob({ devnet, party: PARTY.requester, modelId, input, amount });
    const started = Date.now();
    expect((await deliverJobInput({ workerUrl: worker.url, ...job })).accepted).toBe(true);
    const attestation = await waitForAttestation({
      client: devnet.publicClient,
      escrow: contracts().InferenceEscrow,
      attestor: contracts().InferenceAttestor,
      jobId: job.jobId,
      timeoutMs: 180_000,
    });
    return { ...job, attestation, ms: Date.now() - started };
  };

  it("finding 6: 32 one-unit jobs are skipped unproven (402 BELOW_PRICE_FLOOR), and a real job right after settles", async () => {
    // A normal job's time here, for the comparison in the report.
    const normal = await honestJob();
    const normalView = await settledView(normal.jobId);

    const attacker = address(PARTY.attacker);
    const [attackerBefore, workerBefore, provedBefore] = [
      await usdcOf(devnet, attacker),
      await usdcOf(devnet, address(PARTY.worker)),
      await provedCount(),
    ];
    const failedBefore = await metric(/^convergence_worker_jobs\{state="failed"\} (\d+)$/m);
    const cheap = [];
    for (let i = 0; i < 32; i++) {
      cheap.push(await openRawJob({ devnet, party: PARTY.attacker, modelId, input, amount: 1n }));
    }
    const refusals = await Promise.all(
      cheap.map((job) => rejection(deliverJobInput({ workerUrl: worker.url, ...job }))),
    );
    for (const refused of refusals) {
      expect(refused).toBeInstanceOf(WorkerRequestError);
      expect(refused).toMatchObject({ status: 402, code: "BELOW_PRICE_FLOOR" });
    }
    // The worker recorded every one as skipped, never proven, never fulfilled.
    for (const { jobId } of cheap) {
      expect(await getWorkerJob({ workerUrl: worker.url, jobId })).toMatchObject({
        state: "failed",
        error: { code: "BELOW_PRICE_FLOOR" },
        output: null,
        proof: null,
        txHashes: [],
        attempts: 0,
      });
      expect((await getJob({ client: devnet.publicClient, escrow: contracts().InferenceEscrow, jobId })).status).toBe(
        "open",
      );
    }
    expect(await metric(/^convergence_worker_jobs\{state="failed"\} (\d+)$/m)).toBe(failedBefore + 32);
    expect(await provedCount()).toBe(provedBefore);
    expect(await metric(/^convergence_worker_queue_depth (\d+)$/m)).toBe(0);
    expect(worker.output().match(/job skipped without proving/g)?.length ?? 0).toBeGreaterThanOrEqual(32);

    // A real requester, right after, through the CLI: its job is taken (no 429) and settles.
    const real = await runCli(
      ["job", "open", "--input", JSON.stringify(input.map(Number)), "--quantized", "--pay", "1", "--json"].concat([
        "--worker-url",
        worker.url,
      ]),
      env,
    );
    expect(real.code, real.stderr).toBe(0);
    const settled = JSON.parse(real.stdout) as {
      jobId: string;
      validation: { response: number };
      timings: Record<string, string | number>;
    };
    expect(settled.validation.response).toBe(100);
    expect(BigInt(settled.jobId)).toBe(cheap.at(-1)!.jobId + 1n);
    const realView = await settledView(BigInt(settled.jobId));
    const took = (view: WorkerJob) =>
      Date.parse(String(view.timings.settledAt)) - Date.parse(String(view.timings.receivedAt));
    console.info(
      `finding 6: a normal job took ${took(normalView)} ms in the worker (received to settled; ${normal.ms} ms for the requester); the real job after 32 one-unit jobs took ${took(realView)} ms (${real.ms} ms for \`job open\`)`,
    );
    // The worker was paid for the real job only; the attacker got nothing (its 32 units wait in the escrow for a refund).
    expect(await usdcOf(devnet, address(PARTY.worker))).toBe(workerBefore + 1_000_000n);
    expect(await usdcOf(devnet, attacker)).toBe(attackerBefore - 32n);
    expect(await provedCount()).toBe(provedBefore + 1);
  });

  it("finding 5 (reveal): another party's GET /v1/jobs/:id shows no output nor proof before settlement", async () => {
    const attacker = address(PARTY.attacker);
    const attackerBefore = await usdcOf(devnet, attacker);
    const job = await openRawJob({ devnet, party: PARTY.requester, modelId, input, amount });
    const escrow = contracts().InferenceEscrow;

    // The fulfil waits in the mempool: the worker holds the proven output, the chain has not settled the job.
    const pending = await withAutomineOff(devnet, async () => {
      expect((await deliverJobInput({ workerUrl: worker.url, ...job })).accepted).toBe(true);
      await waitUntil({
        read: () => getWorkerJob({ workerUrl: worker.url, jobId: job.jobId }),
        done: (view) => view.state === "submitted",
        what: `job ${job.jobId} proven and its fulfil sent`,
        timeoutMs: 180_000,
      });
      const anyone = await getWorkerJob({ workerUrl: worker.url, jobId: job.jobId });
      // A stranger signing the requester's read message with its own key is refused, by name.
      const forged = await rejection(
        getWorkerJob({
          workerUrl: worker.url,
          jobId: job.jobId,
          requester: { client: devnet.wallets[PARTY.attacker]!, escrow },
        }),
      );
      const requester = await getWorkerJob({
        workerUrl: worker.url,
        jobId: job.jobId,
        requester: { client: devnet.wallets[PARTY.requester]!, escrow },
      });
      const onChain = await getJob({ client: devnet.publicClient, escrow, jobId: job.jobId });
      return { anyone, forged, requester, onChain };
    });
    expect(pending.onChain.status).toBe("open");
    expect(pending.anyone).toMatchObject({ state: "submitted", output: null, proof: null });
    expect(pending.forged).toBeInstanceOf(WorkerUnauthorizedError);
    expect(pending.forged).toMatchObject({ status: 401, code: "REQUESTER_SIGNATURE_INVALID" });
    // The requester itself reads its answer before settlement: there was something to hide.
    expect(pending.requester.output?.raw).toHaveLength(3);
    expect(pending.requester.proof).not.toBeNull();

    // Once mined, the job settles and its output is public, as the attestation on-chain is.
    const attestation = await waitForAttestation({
      client: devnet.publicClient,
      escrow,
      attestor: contracts().InferenceAttestor,
      jobId: job.jobId,
      timeoutMs: 60_000,
    });
    const settled = await settledView(job.jobId);
    expect(settled.output?.raw).toEqual(attestation.outputs.map(String));
    expect(pending.requester.output?.raw).toEqual(settled.output?.raw);
    expect(await usdcOf(devnet, attacker)).toBe(attackerBefore);
  });

  it("finding 7: a validation a stranger filed and answered under a job's hash does not count, and does not displace the attestor's", async () => {
    const squatter = devnet.wallets[PARTY.squatter]!;
    const squatterBefore = await usdcOf(devnet, address(PARTY.squatter));
    const { agentId } = await registerAgent({
      client: squatter,
      registry: contracts().AgentRegistry,
      agentURI: "data:application/json,{}",
    });
    // The squatter predicts the next job's request hash, files it naming itself as validator, and answers 100.
    const nextJobId = (await jobCount(devnet)) + 1n;
    const squatted = await devnet.publicClient.readContract({
      address: contracts().InferenceAttestor,
      abi: inferenceAttestorAbi,
      functionName: "defaultRequestHash",
      args: [nextJobId],
    });
    for (const send of [
      () =>
        squatter.writeContract({
          address: contracts().ValidationRegistry,
          abi: validationRegistryAbi,
          functionName: "validationRequest",
          args: [address(PARTY.squatter), agentId, "", squatted],
          chain: squatter.chain,
          account: squatter.account!,
        }),
      () =>
        squatter.writeContract({
          address: contracts().ValidationRegistry,
          abi: validationRegistryAbi,
          functionName: "validationResponse",
          args: [squatted, 100, "", zeroHash, ""],
          chain: squatter.chain,
          account: squatter.account!,
        }),
    ]) {
      const receipt = await devnet.publicClient.waitForTransactionReceipt({ hash: await send() });
      expect(receipt.status).toBe("success");
    }
    const readSquatted = await rejection(
      getValidation({ client: devnet.publicClient, attestor: contracts().InferenceAttestor, requestHash: squatted }),
    );
    expect(readSquatted).toBeInstanceOf(ValidationNotByAttestorError);
    expect(readSquatted).toMatchObject({ requestHash: squatted, validator: address(PARTY.squatter) });

    // The job is proven anyway; the attestor files its validation under a moved hash, and readers find that one.
    const job = await honestJob();
    expect(job.jobId).toBe(nextJobId);
    expect(job.attestation.validationRequestHash).not.toBe(squatted);
    expect(
      await getValidation({
        client: devnet.publicClient,
        attestor: contracts().InferenceAttestor,
        requestHash: job.attestation.validationRequestHash,
      }),
    ).toMatchObject({ response: 100, validator: contracts().InferenceAttestor });
    // The squatted request is still there, still refused.
    expect(
      await rejection(
        getValidation({ client: devnet.publicClient, attestor: contracts().InferenceAttestor, requestHash: squatted }),
      ),
    ).toBeInstanceOf(ValidationNotByAttestorError);

    // The agent, as a user runs it, reads the attestor's validation for the job, never the squatter's.
    const id: Hex = toHex(job.jobId, { size: 32 });
    const read = await runCli(["agent", "run", `show attestation ${id}`, "--json"], {
      ...env,
      CONVERGENCE_HOME: mkdtempSync(join(dir, "reader-")),
    });
    expect(read.code, read.stderr).toBe(0);
    const { events } = JSON.parse(read.stdout) as { events: { type: string; name?: string; text?: string }[] };
    const result = events.find((e) => e.type === "result" && e.name === "get_attestation");
    const shown = JSON.parse(result!.text!) as { validationRequestHash: string; validation: Record<string, unknown> };
    expect(shown.validationRequestHash).toBe(job.attestation.validationRequestHash);
    expect(shown.validation).toMatchObject({
      validator: contracts().InferenceAttestor,
      response: 100,
      validatedByAttestor: true,
    });

    // The raw registry summary with no validator filter counts the self-validation: readers must name the attestor.
    const summary = (validators: readonly `0x${string}`[]) =>
      devnet.publicClient.readContract({
        address: contracts().ValidationRegistry,
        abi: validationRegistryAbi,
        functionName: "getSummary",
        args: [agentId, validators, ""],
      });
    expect(await summary([])).toEqual([1n, 100]);
    expect(await summary([contracts().InferenceAttestor])).toEqual([0n, 0]);
    expect(await usdcOf(devnet, address(PARTY.squatter))).toBe(squatterBefore);
  });

  it("finding 5: a duplicate registration is never served, and retiring a model after a job opened does not stop that job", async () => {
    const escrow = contracts().InferenceEscrow;
    const registry = contracts().ModelRegistry;
    const served = await getModel({ client: devnet.publicClient, registry, modelId });
    const copy = {
      registry,
      commitment: served.commitment,
      verifier: served.verifier,
      numOutputs: served.numOutputs,
      circuitId: served.circuitId,
      vkeyHash: served.vkeyHash,
      onnxHash: served.onnxHash,
      uri: served.uri,
    };
    const [attackerBefore, workerBefore] = [
      await usdcOf(devnet, address(PARTY.attacker)),
      await usdcOf(devnet, address(PARTY.worker)),
    ];

    // The attacker registers an exact duplicate of the served registration (same weights, verifier and key) and opens
    // a job on it: the worker does not serve it, so nothing is proven and nothing can be read.
    const duplicate = await registerModel({ client: devnet.wallets[PARTY.attacker]!, ...copy });
    const attack = await openRawJob({
      devnet,
      party: PARTY.attacker,
      modelId: duplicate.modelId,
      input,
      amount,
      deadlineIn: 300n,
    });
    const refused = await rejection(deliverJobInput({ workerUrl: worker.url, ...attack }));
    expect(refused).toBeInstanceOf(WorkerModelNotServedError);
    expect(refused).toMatchObject({ status: 404, code: "MODEL_NOT_FOUND" });
    expect(await getWorkerJob({ workerUrl: worker.url, jobId: attack.jobId })).toMatchObject({
      output: null,
      proof: null,
      txHashes: [],
    });

    // The publisher's own registration of the same model is served; it retires it after a requester opened a job.
    const publisher = devnet.wallets[PARTY.publisher]!;
    const own = await registerModel({ client: publisher, ...copy });
    const paid = await openRawJob({ devnet, party: PARTY.requester, modelId: own.modelId, input, amount });
    await retireModel({ client: publisher, registry, modelId: own.modelId });
    // No job opens on it any more, and nothing is taken from whoever tries.
    const requesterBefore = await usdcOf(devnet, address(PARTY.requester));
    const late = await rejection(openRawJob({ devnet, party: PARTY.requester, modelId: own.modelId, input, amount }));
    expect(late).toBeInstanceOf(ContractRevertError);
    expect(late).toMatchObject({ errorName: "InferenceEscrowModelNotActive" });
    expect(await usdcOf(devnet, address(PARTY.requester))).toBe(requesterBefore);
    // The job opened before the retirement is judged by the registration in force then: proven, attested, paid.
    expect((await deliverJobInput({ workerUrl: worker.url, ...paid })).accepted).toBe(true);
    const attestation = await waitForAttestation({
      client: devnet.publicClient,
      escrow,
      attestor: contracts().InferenceAttestor,
      jobId: paid.jobId,
      timeoutMs: 180_000,
    });
    expect(attestation).toMatchObject({ jobId: paid.jobId, modelId: own.modelId, worker: address(PARTY.worker) });
    expect(await usdcOf(devnet, address(PARTY.worker))).toBe(workerBefore + amount);

    // The attacker's job is never proven: after its deadline the attacker only gets its own payment back.
    await increaseTime({ rpcUrl: devnet.url, seconds: 400 });
    await expect(
      waitForAttestation({
        client: devnet.publicClient,
        escrow,
        attestor: contracts().InferenceAttestor,
        jobId: attack.jobId,
        timeoutMs: 10_000,
      }),
    ).rejects.toThrow(JobNotAttestableError);
    await refundJob({ client: devnet.wallets[PARTY.attacker]!, escrow, jobId: attack.jobId });
    expect(await usdcOf(devnet, address(PARTY.attacker))).toBe(attackerBefore);
    expect(await getWorkerJob({ workerUrl: worker.url, jobId: attack.jobId })).toMatchObject({
      output: null,
      proof: null,
    });
  });

  it("finding 2: a proving key whose only contributor is the worker is refused by the requester by default", async () => {
    // The worker runs the setup of a circuit package alone, as its own publisher (its key signs the phase-2
    // contribution and registers), in a home of its own (not the shared zk cache), and serves it.
    const workerHome = mkdtempSync(join(dir, "worker-home-"));
    const workerKey = toHex(devnet.accounts[PARTY.worker]!.getHdKey().privateKey!);
    const added = await runCli(["circuit", "add", LINEAR_THRESHOLD, "--json"], {
      ...env,
      CONVERGENCE_HOME: workerHome,
      PUBLISHER_PRIVATE_KEY: workerKey,
    });
    expect(added.code, added.stderr).toBe(0);
    const modelId = BigInt((JSON.parse(added.stdout) as { modelId: string }).modelId);
    const launched = Date.now();
    const selfMade = await launchWorker({
      rpcUrl: devnet.url,
      deploymentsDir: dir,
      dbPath: join(workerHome, "jobs.sqlite"),
      env: { CONVERGENCE_HOME: workerHome, WORKER_MODELS: "linear-threshold" },
    });
    console.info(
      `finding 2: circuit add with a fresh setup took ${added.ms} ms; the second worker started in ${Date.now() - launched} ms`,
    );
    try {
      const [served] = await getWorkerModels({ workerUrl: selfMade.url });
      expect(served).toMatchObject({ name: "linear-threshold", modelId: modelId.toString() });
      const before = {
        requester: await usdcOf(devnet, address(PARTY.requester)),
        worker: await usdcOf(devnet, address(PARTY.worker)),
        jobs: await jobCount(devnet),
      };

      // The key as the worker's machine holds it: its one signed contributor is the worker's own wallet.
      const [keyDir] = readdirSync(join(workerHome, "zk")).filter((name) => name.startsWith("linear-threshold-"));
      const setupDir = join(workerHome, "zk", keyDir!);
      const pin = await modelPinFromSetup({
        setup: {
          zkey: join(setupDir, "circuit_final.zkey"),
          verificationKey: JSON.parse(readFileSync(join(setupDir, "verification_key.json"), "utf8")),
          record: await readSetupRecord({ path: join(setupDir, "setup.json") }),
        },
        commitment: BigInt(served!.commitment),
      });
      expect(pin.contributors).toEqual([address(PARTY.worker)]);
      const error = await rejection(
        requestInference({
          publicClient: devnet.publicClient,
          walletClient: devnet.wallets[PARTY.requester]!,
          escrow: contracts().InferenceEscrow,
          workerUrl: selfMade.url,
          modelId,
          pin,
          workerAgentId: BigInt(selfMade.agentId),
          input: [256n, -512n, 100n, 0n, 3000n, -7n, 1n, 2n],
          amount: 1_000_000n,
          outputScales: [8, 0],
        }),
      );
      expect(error).toBeInstanceOf(SetupControlledByWorkerError);
      expect(error).toMatchObject({ modelId, worker: address(PARTY.worker) });

      // `convergence job open` with that key (the requester took the worker's setup as its own) refuses too.
      const cli = await runCli(
        [
          "job",
          "open",
          "--model",
          "linear-threshold",
          "--input",
          "[1,0,0,0,0,0,0,0]",
          "--quantized",
          "--pay",
          "1",
        ].concat(["--worker-url", selfMade.url]),
        { ...env, CONVERGENCE_HOME: workerHome },
      );
      expect(cli.code).toBe(1);
      expect(cli.stderr).toMatch(
        /Every phase-2 contributor of the key pinned for model \d+ is 0x[0-9a-fA-F]{40}, the wallet of the worker the job would be reserved for: nothing was paid/,
      );

      expect(await jobCount(devnet)).toBe(before.jobs);
      expect(await usdcOf(devnet, address(PARTY.requester))).toBe(before.requester);
      expect(await usdcOf(devnet, address(PARTY.worker))).toBe(before.worker);
    } finally {
      await selfMade.stop({ signal: "SIGTERM" });
    }
  });
});
