import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type Job,
  type JobStatus,
  parseWorkerRegistration,
  WORKER_CHALLENGE_HEADER,
  WORKER_REGISTRATION_PATH,
  workerIdentityMessage,
} from "@convergence/sdk";
import { commitInput } from "@convergence/zk";
import { type Hex, recoverMessageAddress, zeroAddress } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escrowJob } from "../../test/jobFixtures.ts";
import type { JobReading } from "../chain/types.ts";
import { loadServedModels } from "../inference/loadServedModels.ts";
import type { ServedModel } from "../inference/types.ts";
import { createJobService } from "../jobs/createJobService.ts";
import type { JobService } from "../jobs/types.ts";
import { createLogger } from "../log/createLogger.ts";
import { createMetrics } from "../metrics/createMetrics.ts";
import { createJobQueue } from "../queue/createJobQueue.ts";
import { openJobStore } from "../store/openJobStore.ts";
import { createApp } from "./createApp.ts";

/**
 * The HTTP layer with the real models, store, queue and job service; only the chain is replaced by a table of
 * escrow records (the end-to-end tests in test/worker/ run it against a live chain).
 */
describe("createApp", () => {
  let server: Server;
  let url: string;
  let model: ServedModel;
  const handled: bigint[] = [];
  const input = [128n, -320n, 26n, 512n, -1n, 0n, 384n, -512n];
  const salt = 2n ** 200n + 12345n;
  const onChain = new Map<bigint, JobReading>();
  const chainTime = 1_900_000_000n;
  const agentWallet = privateKeyToAccount(generatePrivateKey());
  const agentRegistry = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
  const token = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
  const verifier = "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9";
  const vkeyHash: Hex = `0x${"5a".repeat(32)}`;
  /** The registrations the worker serves its models under: none yet, then risk-v1's (the test sets it). */
  const servedRegistrations = new Map<string, { modelId: bigint; verifier: `0x${string}`; vkeyHash: Hex }>();
  let publicUrl = "http://127.0.0.1:1";

  beforeAll(async () => {
    const models = await loadServedModels({ names: ["risk-v1"], home: "/nonexistent-convergence-home" });
    model = models.get("risk-v1")! as ServedModel;
    const inputCommitment = await commitInput({ input, salt });
    const job = (jobId: bigint, overrides: Partial<Job> = {}): Job =>
      escrowJob({ jobId, requester: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", inputCommitment, ...overrides });
    const record = (j: Job, status: JobStatus = "open"): JobReading => ({ job: { ...j, status }, chainTime });
    onChain.set(1n, record(job(1n)));
    onChain.set(2n, record(job(2n)));
    onChain.set(3n, record(job(3n, { workerAgentId: 9n })));
    onChain.set(4n, record(job(4n), "refunded"));
    onChain.set(5n, record(job(5n, { deadline: 1_000n })));
    onChain.set(6n, record(job(6n, { modelId: 42n })));
    onChain.set(7n, record(job(7n)));
    onChain.set(8n, record(job(8n, { amount: 1n })));
    onChain.set(9n, record(job(9n, { deadline: chainTime + 10n })));

    const store = openJobStore({ path: ":memory:", chainKey: "test" });
    // Slots that never free up: the queue fills, and the test sees 429.
    const queue = createJobQueue({
      limit: 1,
      concurrency: 1,
      handle: (id) => {
        handled.push(id);
        return new Promise(() => {});
      },
    });
    const log = createLogger({ level: "silent" });
    const metrics = createMetrics({
      jobCounts: () => store.countByState(),
      queue: () => ({ depth: queue.depth(), running: queue.running(), limit: 1 }),
      processMetrics: false,
    });
    const jobs = createJobService({
      store,
      queue,
      queueLimit: 1,
      chain: {
        chainId: 31337,
        escrow: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        agentId: 1n,
        // What the SDK's getJob answers for an id the escrow does not know.
        readJob: async (jobId) =>
          onChain.get(jobId) ?? {
            job: {
              ...job(jobId),
              requester: zeroAddress,
              modelId: 0n,
              inputCommitment: 0n,
              amount: 0n,
              deadline: 0n,
              status: "none",
            },
            chainTime,
          },
      },
      minPrice: { default: 0n, byModel: { "risk-v1": 100_000n } },
      deadlineMarginSeconds: 30,
      modelFor: async (modelId) => (modelId === 1n ? model : undefined),
      served: () => ["risk-v1"],
      isDraining: () => false,
      log,
    });
    const app = createApp({
      models,
      modelIds: () => new Map([["risk-v1", 1n]]),
      agentId: 4n,
      identity: { chainId: 31337, agentRegistry, signMessage: (message) => agentWallet.signMessage({ message }) },
      registration: { publicUrl: () => publicUrl, token, served: () => servedRegistrations },
      jobs,
      minPrice: { default: 0n, byModel: { "risk-v1": 100_000n } },
      metrics,
      health: () => ({ status: "ok" }),
      bodyLimitBytes: 2048,
      log,
    });
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const post = (path: string, body: string, contentType = "application/json") =>
    fetch(`${url}${path}`, { method: "POST", headers: { "content-type": contentType }, body });
  const jobInput = { input: input.map(Number), salt: salt.toString() };

  it("answers /healthz and lists the served models with their input format", async () => {
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const { agentId, models } = (await (await fetch(`${url}/v1/models`)).json()) as {
      agentId: string;
      models: Record<string, unknown>[];
    };
    // The worker's ERC-8004 agent id, so a requester can reserve its job for this worker.
    expect(agentId).toBe("4");
    expect(models).toHaveLength(1);
    expect(models[0]).toMatchObject({
      name: "risk-v1",
      modelId: "1",
      shape: [8, 16, 3],
      scale: 8,
      labels: ["low", "medium", "high"],
      commitment: model.manifest.commitments.model,
      minPrice: "0.1",
      agentId: "4",
    });
  });

  it("lets any origin read its GET routes (the dashboard reads workers from the browser), and nothing else", async () => {
    const origin = { origin: "http://127.0.0.1:5173" };
    for (const path of ["/healthz", "/v1/models", WORKER_REGISTRATION_PATH]) {
      const response = await fetch(`${url}${path}`, { headers: origin });
      expect(response.headers.get("access-control-allow-origin"), path).toBe("*");
    }
    const job = await fetch(`${url}/v1/jobs/999`, { headers: origin });
    expect(job.headers.get("access-control-allow-origin")).toBe("*");
    // A POST (delivering an input) gets no CORS header: a page elsewhere cannot read its answer.
    const delivered = await fetch(`${url}/v1/jobs/999/input`, {
      method: "POST",
      headers: { ...origin, "content-type": "application/json" },
      body: JSON.stringify(jobInput),
    });
    expect(delivered.headers.get("access-control-allow-origin")).toBeNull();
    // A preflight (what a cross-origin request with a signature header needs) is not answered with a grant.
    const preflight = await fetch(`${url}/v1/jobs/999`, {
      method: "OPTIONS",
      headers: { ...origin, "access-control-request-method": "GET", "access-control-request-headers": "x-sig" },
    });
    expect(preflight.headers.get("access-control-allow-headers")).toBeNull();
  });

  it("serves its ERC-8004 registration file, built live: endpoint, agent, pins, price floor and token", async () => {
    const read = async () => {
      const response = await fetch(`${url}${WORKER_REGISTRATION_PATH}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      return parseWorkerRegistration({ value: await response.json(), source: `${url}${WORKER_REGISTRATION_PATH}` });
    };
    // Before the model's registration is known, the file lists no model: a requester could open no job from it.
    servedRegistrations.clear();
    expect((await read()).models).toEqual([]);

    servedRegistrations.set("risk-v1", { modelId: 1n, verifier, vkeyHash });
    publicUrl = "https://worker.example.com";
    const file = await read();
    expect(file.services).toEqual([
      { name: "convergence-inference", endpoint: "https://worker.example.com", version: "1" },
    ]);
    expect(file.registrations).toEqual([{ agentId: 4, agentRegistry: `eip155:31337:${agentRegistry}` }]);
    expect(file.active).toBe(true);
    expect(file.models).toEqual([
      {
        name: "risk-v1",
        modelId: "1",
        commitment: model.manifest.commitments.model,
        vkeyHash,
        verifier,
        proofSystem: "groth16",
        // The price floor: risk-v1's own (WORKER_MIN_PRICE risk-v1=0.1), not the default.
        price: "0.1",
        priceUnits: "100000",
        token,
      },
    ]);
    // The same model id as /v1/models: the two never disagree.
    const { models } = (await (await fetch(`${url}/v1/models`)).json()) as { models: { modelId: string }[] };
    expect(models[0]!.modelId).toBe(file.models[0]!.modelId);
  });

  it("answers 404 for the registration file when it is not configured (no agent yet)", async () => {
    const bare = createApp({
      models: new Map(),
      jobs: {} as JobService,
      metrics: createMetrics({
        jobCounts: () => ({ open: 0, received: 0, proving: 0, submitted: 0, settled: 0, failed: 0 }),
        queue: () => ({ depth: 0, running: 0, limit: 1 }),
        processMetrics: false,
      }),
      health: () => ({ status: "ok" }),
      bodyLimitBytes: 1024,
      log: createLogger({ level: "silent" }),
    }).listen(0, "127.0.0.1");
    await new Promise((resolve) => bare.once("listening", resolve));
    try {
      const response = await fetch(
        `http://127.0.0.1:${(bare.address() as AddressInfo).port}${WORKER_REGISTRATION_PATH}`,
      );
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    } finally {
      await new Promise((resolve) => bare.close(resolve));
    }
  });

  it("signs the requester's challenge with its agent wallet, and only when challenged", async () => {
    const unchallenged = (await (await fetch(`${url}/v1/models`)).json()) as Record<string, unknown>;
    expect(unchallenged.identity).toBeUndefined();
    expect((unchallenged.models as Record<string, unknown>[])[0]!.identity).toBeUndefined();

    const challenge: Hex = `0x${"AB".repeat(32)}`;
    const response = await fetch(`${url}/v1/models`, { headers: { [WORKER_CHALLENGE_HEADER]: challenge } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      identity: { challenge: Hex; signature: Hex };
      models: { identity: { challenge: Hex; signature: Hex } }[];
    };
    expect(body.identity.challenge).toBe(challenge.toLowerCase());
    expect(body.models[0]!.identity).toEqual(body.identity);
    const message = workerIdentityMessage({ chainId: 31337, agentRegistry, agentId: 4n, challenge });
    expect(await recoverMessageAddress({ message, signature: body.identity.signature })).toBe(agentWallet.address);
    // Bound to the challenge and the agent: over another one, the same signature recovers to someone else.
    const other = workerIdentityMessage({ chainId: 31337, agentRegistry, agentId: 5n, challenge });
    expect(await recoverMessageAddress({ message: other, signature: body.identity.signature })).not.toBe(
      agentWallet.address,
    );
  });

  it("refuses a challenge that is not 32 bytes of hex, naming the header", async () => {
    const response = await fetch(`${url}/v1/models`, { headers: { [WORKER_CHALLENGE_HEADER]: "0x1234" } });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("INVALID_REQUEST");
    expect(error.message).toContain(WORKER_CHALLENGE_HEADER);
    expect(error.message).toContain("32 bytes");
  });

  it("runs an inference without a proof", async () => {
    const response = await post(
      "/v1/inference",
      JSON.stringify({ model: "risk-v1", input: [0.5, -1.25, 0.1, 2, 0, 0, 1.5, -2] }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { output: { raw: string[]; values: number[]; label: string } };
    expect(body.output.raw).toHaveLength(3);
    expect(body.output.values).toEqual(body.output.raw.map((v) => Number(v) / 256));
    expect(["low", "medium", "high"]).toContain(body.output.label);
  });

  const big = JSON.stringify({ model: "risk-v1", input: Array.from({ length: 2000 }, () => 0.5) });
  it.each([
    ["malformed JSON", "POST", "/v1/inference", '{"model": "risk-v1", "input": [1, 2', undefined, 400, "INVALID_JSON"],
    ["a JSON string", "POST", "/v1/inference", '"risk-v1"', undefined, 400, "INVALID_JSON"],
    ["an empty body", "POST", "/v1/inference", "", undefined, 400, "INVALID_REQUEST"],
    [
      "input as a string",
      "POST",
      "/v1/inference",
      '{"model":"risk-v1","input":"1,2,3"}',
      undefined,
      400,
      "INVALID_REQUEST",
    ],
    [
      "a string in the input",
      "POST",
      "/v1/inference",
      '{"model":"risk-v1","input":[1,"2"]}',
      undefined,
      400,
      "INVALID_REQUEST",
    ],
    ["an unknown key", "POST", "/v1/inference", '{"model":"risk-v1","inputs":[1]}', undefined, 400, "INVALID_REQUEST"],
    [
      "a wrong input width",
      "POST",
      "/v1/inference",
      '{"model":"risk-v1","input":[1,2]}',
      undefined,
      400,
      "INVALID_INPUT",
    ],
    [
      "a value out of range",
      "POST",
      "/v1/inference",
      '{"model":"risk-v1","input":[1,2,3,4,5,6,7,999]}',
      undefined,
      400,
      "INVALID_INPUT",
    ],
    ["an oversized body", "POST", "/v1/inference", big, undefined, 413, "PAYLOAD_TOO_LARGE"],
    [
      "a form body",
      "POST",
      "/v1/inference",
      "model=risk-v1",
      "application/x-www-form-urlencoded",
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    ],
    [
      "an unknown model",
      "POST",
      "/v1/inference",
      '{"model":"no-such-model","input":[1]}',
      undefined,
      404,
      "MODEL_NOT_FOUND",
    ],
    [
      "a bad model name",
      "POST",
      "/v1/inference",
      '{"model":"../../etc","input":[1]}',
      undefined,
      400,
      "INVALID_REQUEST",
    ],
    ["an unknown route", "GET", "/v1/nothing", undefined, undefined, 404, "NOT_FOUND"],
    ["a non-numeric job id", "GET", "/v1/jobs/abc", undefined, undefined, 400, "INVALID_REQUEST"],
    ["a job id beyond uint256", "GET", `/v1/jobs/${2n ** 256n}`, undefined, undefined, 400, "INVALID_REQUEST"],
    ["an unknown job", "GET", "/v1/jobs/404", undefined, undefined, 404, "JOB_NOT_FOUND"],
    [
      "input for an unknown job",
      "POST",
      "/v1/jobs/404/input",
      JSON.stringify(jobInput),
      undefined,
      404,
      "JOB_NOT_FOUND",
    ],
    [
      "a salt as a number",
      "POST",
      "/v1/jobs/1/input",
      JSON.stringify({ input: jobInput.input, salt: 5 }),
      undefined,
      400,
      "INVALID_REQUEST",
    ],
    [
      "a salt beyond the field",
      "POST",
      "/v1/jobs/1/input",
      JSON.stringify({ input: jobInput.input, salt: (2n ** 254n).toString() }),
      undefined,
      400,
      "INVALID_REQUEST",
    ],
    [
      "a float in a job input",
      "POST",
      "/v1/jobs/1/input",
      JSON.stringify({ ...jobInput, input: [0.5, ...jobInput.input.slice(1)] }),
      undefined,
      400,
      "INVALID_REQUEST",
    ],
    [
      "a short job input",
      "POST",
      "/v1/jobs/1/input",
      JSON.stringify({ ...jobInput, input: [1, 2] }),
      undefined,
      400,
      "INVALID_INPUT",
    ],
    [
      "a wrong commitment",
      "POST",
      "/v1/jobs/1/input",
      JSON.stringify({ ...jobInput, salt: "1" }),
      undefined,
      409,
      "COMMITMENT_MISMATCH",
    ],
    [
      "a job for another agent",
      "POST",
      "/v1/jobs/3/input",
      JSON.stringify(jobInput),
      undefined,
      409,
      "JOB_ASSIGNED_ELSEWHERE",
    ],
    ["a refunded job", "POST", "/v1/jobs/4/input", JSON.stringify(jobInput), undefined, 409, "JOB_NOT_OPEN"],
    ["an expired job", "POST", "/v1/jobs/5/input", JSON.stringify(jobInput), undefined, 409, "JOB_EXPIRED"],
    [
      "a job for a model not served",
      "POST",
      "/v1/jobs/6/input",
      JSON.stringify(jobInput),
      undefined,
      404,
      "MODEL_NOT_FOUND",
    ],
    [
      "a job below the price floor",
      "POST",
      "/v1/jobs/8/input",
      JSON.stringify(jobInput),
      undefined,
      402,
      "BELOW_PRICE_FLOOR",
    ],
    [
      "a job too close to its deadline",
      "POST",
      "/v1/jobs/9/input",
      JSON.stringify(jobInput),
      undefined,
      409,
      "DEADLINE_TOO_SOON",
    ],
  ])("answers %s with %s %s → %i %s", async (_name, method, path, body, type, status, code) => {
    const response =
      method === "POST"
        ? await post(path, body ?? "", type)
        : await fetch(`${url}${path}`, { method: method as string });
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const json = (await response.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe(code);
    expect(json.error.message.length).toBeGreaterThan(10);
  });

  // Issue 13: a number that is not finite, or becomes non-finite or out of range once scaled by 2^S, is the client's
  // error (400 naming the field), never a 500. JSON has no Infinity or NaN, but 1e400 parses to Infinity.
  const eight = (first: string) => `[${first},1,1,1,1,1,1,1]`;
  const infer = (input: string, extra = ""): [string, string] => [
    "/v1/inference",
    `{"model":"risk-v1","input":${input}${extra}}`,
  ];
  const deliver = (input: string): [string, string] => ["/v1/jobs/1/input", `{"input":${input},"salt":"1"}`];
  const notFinite = /input\[0\]: expected a finite number/;
  const quantized = ',"encoding":"quantized"';
  it.each<[string, string, string, string, RegExp]>([
    ["1e308", ...infer(eight("1e308")), "INVALID_INPUT", /input\[0\] is 1e\+308/],
    ["-1e308", ...infer(eight("-1e308")), "INVALID_INPUT", /input\[0\] is -1e\+308/],
    ["the largest double", ...infer(eight("1.7976931348623157e308")), "INVALID_INPUT", /is 1\.7976931348623157e\+308/],
    ["1e300 (finite once scaled)", ...infer(eight("1e300")), "INVALID_INPUT", /input\[0\] is 1e\+300/],
    ["1e400 (Infinity once parsed)", ...infer(eight("1e400")), "INVALID_REQUEST", notFinite],
    ["-1e400", ...infer(eight("-1e400")), "INVALID_REQUEST", notFinite],
    ["1e308 in the last place", ...infer("[1,1,1,1,1,1,1,1e308]"), "INVALID_INPUT", /input\[7\] is 1e\+308/],
    ["1e308 as a quantized value", ...infer(eight("1e308"), quantized), "INVALID_INPUT", /input\[0\] is 1e\+308/],
    ["1e400 as a quantized value", ...infer(eight("1e400"), quantized), "INVALID_REQUEST", notFinite],
    ["1e308 in a job input", ...deliver(eight("1e308")), "INVALID_REQUEST", /input\[0\]: Too big: expected .* <=32767/],
    ["-1e308 in a job input", ...deliver(eight("-1e308")), "INVALID_REQUEST", /input\[0\]: Too small: .* >=-32768/],
    ["1e400 in a job input", ...deliver(eight("1e400")), "INVALID_REQUEST", notFinite],
    ["-1e400 in a job input", ...deliver(eight("-1e400")), "INVALID_REQUEST", notFinite],
  ])("answers %s on %s with 400 naming the field", async (_name, path, body, code, message) => {
    const response = await post(path, body);
    expect(response.status).toBe(400);
    const json = (await response.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe(code);
    expect(json.error.message).toMatch(message);
    // Nothing was stored: the job is still waiting for its input (the next test delivers it).
    if (path.startsWith("/v1/jobs/1/")) {
      expect(((await (await fetch(`${url}/v1/jobs/1`)).json()) as { state: string }).state).toBe("open");
    }
  });

  it("reports a skipped job with its code, and refuses a job read signed by someone other than its requester", async () => {
    const skipped = (await (await fetch(`${url}/v1/jobs/8`)).json()) as Record<string, unknown>;
    expect(skipped).toMatchObject({ state: "failed", output: null, proof: null, error: { code: "BELOW_PRICE_FLOOR" } });
    expect((skipped.error as { message: string }).message).toContain("at least 0.1 USDC");
    const signed = await fetch(`${url}/v1/jobs/1`, {
      headers: { "x-convergence-requester-signature": `0x${"11".repeat(65)}` },
    });
    expect(signed.status).toBe(401);
    expect(((await signed.json()) as { error: { code: string } }).error.code).toBe("REQUESTER_SIGNATURE_INVALID");
  });

  it("queues a delivered input (202), answers 200 to the same input again, and 429 with Retry-After when full", async () => {
    const first = await post("/v1/jobs/1/input", JSON.stringify(jobInput));
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ jobId: "1", state: "received", model: "risk-v1", output: null });
    const again = await post("/v1/jobs/1/input", JSON.stringify(jobInput));
    expect(again.status).toBe(200);
    // Job 1 runs (never finishing), job 2 waits in the one place of the queue, job 7 finds it full.
    expect((await post("/v1/jobs/2/input", JSON.stringify(jobInput))).status).toBe(202);
    const full = await post("/v1/jobs/7/input", JSON.stringify(jobInput));
    expect(full.status).toBe(429);
    expect(Number(full.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await full.json()) as { error: { code: string } }).error.code).toBe("QUEUE_FULL");
    expect(handled).toEqual([1n]);
    const job7 = (await (await fetch(`${url}/v1/jobs/7`)).json()) as { state: string };
    expect(job7.state).toBe("open");
  });

  it("exports Prometheus metrics, and stays healthy after all of the above", async () => {
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toContain('convergence_worker_jobs{state="received"} 2');
    expect(text).toContain("convergence_worker_queue_depth 1");
    expect(text).toMatch(
      /convergence_worker_http_requests_total\{method="POST",route="\/v1\/inference",status="400"\} \d+/,
    );
    expect(text).toMatch(/convergence_worker_inference_seconds_count\{model="risk-v1"\} [1-9]/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
