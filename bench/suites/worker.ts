/**
 * The inference worker (apps/worker) as `pnpm worker` runs it, in its own process, on a local Hardhat node with the
 * stack deployed. `pnpm bench worker`.
 *
 * Section 1. Inference without a proof over HTTP on loopback: POST /v1/inference with risk-v1, driven by autocannon
 * (CONVERGENCE_BENCH_WORKER_HTTP_SECONDS, default 10 s, 10 connections): requests per second and latency percentiles.
 * Section 1b. The same inference paid per call with x402 v2: the worker restarted with WORKER_X402_PRICE=0.01 and a
 * local facilitator (@convergence/facilitator, in this process); CONVERGENCE_BENCH_WORKER_PAID_SECONDS (default 10 s)
 * of 10 concurrent payers' loops, each signing a fresh EIP-3009 authorization with the official x402 client and
 * POSTing it: paid requests per second and latency percentiles, verification and on-chain settlement included.
 * Section 2. Sustained proving: a requester keeps CONVERGENCE_BENCH_WORKER_CONCURRENCY (default 1) + 2 jobs in flight (open with a permit, deliver
 * the input) for CONVERGENCE_BENCH_WORKER_SECONDS (default 300 s, the issue's 5 minutes); settled proofs per minute,
 * the worker's prove time (its Prometheus histogram), open-to-settled latency, gas of openJobWithPermit and fulfil
 * from the receipts, and the worker's RSS (process_resident_memory_bytes from GET /metrics) before and after.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { devnetAccounts, devnetRoleAccount, writeDeployment } from "@convergence/contracts";
import { deployStack, type LaunchWorkerReturnType, launchWorker, startNode } from "@convergence/devnet";
import { type StartFacilitatorReturnType, startFacilitator } from "@convergence/facilitator";
import { workspaceRoot } from "@convergence/paths";
import { createClients, deliverJobInput, getWorkerJob, getWorkerModels, openJob } from "@convergence/sdk";
import { commitInput, randomSalt } from "@convergence/zk";
import { x402Client } from "@x402/core/client";
import { decodePaymentRequiredHeader, encodePaymentSignatureHeader } from "@x402/core/http";
import { toClientEvmSigner } from "@x402/evm";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import type { Hex } from "viem";
import type { BenchSection } from "../types.ts";

type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { average: number; p50: number; p90: number; p99: number; max: number };
  errors: number;
  non2xx: number;
  duration: number;
};
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

// autocannon is a devDependency of apps/worker (the bench runs from the root, which does not list it).
const autocannon = createRequire(join(workspaceRoot(), "apps", "worker", "package.json"))("autocannon") as Autocannon;

const seconds = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function scrape(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const values: Record<string, number> = {};
  for (const line of text.split("\n")) {
    const match = /^([a-z_]+(?:\{[^}]*\})?) ([\d.e+-]+)$/.exec(line);
    if (match) values[match[1]!] = Number(match[2]);
  }
  return values;
}

/**
 * Runs both sections and returns their tables.
 *
 * @example
 * const [http, proving] = await run();
 */
export async function run(): Promise<BenchSection[]> {
  const httpSeconds = seconds("CONVERGENCE_BENCH_WORKER_HTTP_SECONDS", 10);
  const loadSeconds = seconds("CONVERGENCE_BENCH_WORKER_SECONDS", 300);
  const concurrency = seconds("CONVERGENCE_BENCH_WORKER_CONCURRENCY", 1);
  const paidSeconds = seconds("CONVERGENCE_BENCH_WORKER_PAID_SECONDS", 10);
  const dir = mkdtempSync(join(tmpdir(), "bench-worker-"));
  const node = await startNode({ port: 0 });
  let worker: LaunchWorkerReturnType | undefined;
  let facilitator: StartFacilitatorReturnType | undefined;
  try {
    const accounts = devnetAccounts({ count: 5 });
    const deployer = createClients({ rpcUrl: node.url, chainId: 31337, account: accounts[0]! }).walletClient!;
    const deployment = await deployStack({ client: deployer, fund: accounts.map((a) => a.address) });
    writeDeployment({ deployment, dir });
    const workerEnv = { WORKER_CONCURRENCY: String(concurrency), WORKER_QUEUE_LIMIT: "64", WORKER_LOG_LEVEL: "warn" };
    worker = await launchWorker({
      rpcUrl: node.url,
      deploymentsDir: dir,
      dbPath: join(dir, "jobs.sqlite"),
      env: workerEnv,
    });
    let { url } = worker;

    // Section 1: inference only.
    const body = JSON.stringify({ model: "risk-v1", input: [0.5, -1.25, 0.1, 2, -0.003, 0, 1.5, -2] });
    await autocannon({
      url: `${url}/v1/inference`,
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      connections: 10,
      duration: 2,
    });
    const http = await autocannon({
      url: `${url}/v1/inference`,
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      connections: 10,
      duration: httpSeconds,
    });

    // Section 1b: the same inference, paid per call with x402 (the same worker, restarted with a price).
    await worker.stop();
    facilitator = await startFacilitator({
      rpcUrl: node.url,
      chainId: 31337,
      account: devnetRoleAccount({ role: "facilitator" }),
      port: 0,
    });
    worker = await launchWorker({
      rpcUrl: node.url,
      deploymentsDir: dir,
      dbPath: join(dir, "jobs.sqlite"),
      env: { ...workerEnv, WORKER_X402_PRICE: "0.01", WORKER_FACILITATOR_URL: facilitator.url },
    });
    ({ url } = worker);
    const paid = await paidLoad({
      url,
      body,
      payer: accounts[4]!,
      usdc: deployment.contracts.USDC,
      seconds: paidSeconds,
    });
    const afterHttp = await scrape(url);

    // Section 2: sustained proving.
    const [served] = await getWorkerModels({ workerUrl: url });
    const modelId = BigInt(served!.modelId!);
    const requester = createClients({ rpcUrl: node.url, chainId: 31337, account: accounts[3]! });
    const client = requester.walletClient!;
    const escrow = deployment.contracts.InferenceEscrow;
    const input = [128n, -320n, 26n, 512n, -1n, 0n, 384n, -512n];
    const rssBefore = (await scrape(url)).process_resident_memory_bytes ?? Number.NaN;
    const inFlight = new Map<bigint, number>();
    const latencies: number[] = [];
    const openGas: bigint[] = [];
    const fulfilTxs: Hex[] = [];
    let failed = 0;
    let rssPeak = rssBefore;
    const loadStart = performance.now();
    const loadEnd = loadStart + loadSeconds * 1000;
    let settledInWindow = 0;
    while (performance.now() < loadEnd || inFlight.size > 0) {
      while (performance.now() < loadEnd && inFlight.size < concurrency + 2) {
        const salt = randomSalt();
        const { timestamp } = await client.getBlock();
        const opened = await openJob({
          client,
          escrow,
          modelId,
          inputCommitment: await commitInput({ input, salt }),
          amount: 1_000_000n,
          deadline: timestamp + 3_600n,
          payment: "permit",
        });
        openGas.push(opened.receipt.gasUsed);
        inFlight.set(opened.jobId, performance.now());
        await deliverJobInput({ workerUrl: url, jobId: opened.jobId, input, salt, maxRetries: 10 });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const [jobId, openedAt] of inFlight) {
        const job = await getWorkerJob({ workerUrl: url, jobId });
        if (job.state !== "settled" && job.state !== "failed") continue;
        inFlight.delete(jobId);
        if (job.state === "failed") failed += 1;
        else {
          latencies.push(performance.now() - openedAt);
          fulfilTxs.push(job.txHashes.at(-1) as Hex);
          if (performance.now() <= loadEnd) settledInWindow += 1;
        }
      }
      const rss = (await scrape(url)).process_resident_memory_bytes ?? 0;
      rssPeak = Math.max(rssPeak, rss);
    }
    const after = await scrape(url);
    const fulfilGas = await Promise.all(
      fulfilTxs
        .slice(0, 20)
        .map(async (hash) => (await requester.publicClient.getTransactionReceipt({ hash })).gasUsed),
    );
    const proveCount =
      (after.convergence_worker_prove_seconds_count ?? 0) - (afterHttp.convergence_worker_prove_seconds_count ?? 0);
    const proveSum =
      (after.convergence_worker_prove_seconds_sum ?? 0) - (afterHttp.convergence_worker_prove_seconds_sum ?? 0);
    latencies.sort((a, b) => a - b);
    const median = (values: bigint[]) =>
      Number([...values].sort((a, b) => (a < b ? -1 : 1))[Math.floor(values.length / 2)] ?? 0n);
    const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

    return [
      {
        name: "worker: inference over HTTP (POST /v1/inference, risk-v1, int64 ONNX, no proof)",
        rows: [
          {
            "duration s": httpSeconds,
            connections: 10,
            "req/s": Math.round(http.requests.average),
            requests: http.requests.total,
            "p50 ms": http.latency.p50,
            "p90 ms": http.latency.p90,
            "p99 ms": http.latency.p99,
            "max ms": http.latency.max,
            "errors+non2xx": http.errors + http.non2xx,
          },
        ],
        notes: [
          `autocannon on loopback against the worker process (express 5, zod validation, onnxruntime-node CPU, 1 intra-op thread); ${cpus().length} cores shared with the chain node and the load generator.`,
        ],
      },
      {
        name: "worker: paid inference over HTTP (x402 v2, 0.01 USDC a call, exact scheme, settled on-chain per call)",
        rows: [
          {
            "duration s": paidSeconds,
            payers: PAID_CONNECTIONS,
            "req/s": Math.round((paid.latencies.length / paid.seconds) * 10) / 10,
            requests: paid.latencies.length,
            "p50 ms": Math.round(percentile(paid.latencies, 50)),
            "p90 ms": Math.round(percentile(paid.latencies, 90)),
            "p99 ms": Math.round(percentile(paid.latencies, 99)),
            "max ms": Math.round(paid.latencies.at(-1) ?? Number.NaN),
            "errors+non2xx": paid.failed,
            "USDC paid": paid.usdcPaid,
          },
        ],
        notes: [
          `Each request: a fresh EIP-3009 authorization signed with the official x402 client (not timed), then POST /v1/inference with PAYMENT-SIGNATURE, timed until the 200: the facilitator's verify (signature, simulation), the inference, the facilitator's settle (transferWithAuthorization mined by the Hardhat node, receipt read) and PAYMENT-RESPONSE. ${PAID_CONNECTIONS} loops at once; the facilitator sends one settlement at a time from its account.`,
          "The facilitator runs in the bench process beside the load generator; the chain node automines one block per settlement, so under this load its clock runs ahead of the wall clock (one second per block): an authorization must stay valid longer than that drift (the worker asks for 300 s).",
          "Set CONVERGENCE_BENCH_WORKER_PAID_SECONDS for another duration (default 10 s).",
        ],
      },
      {
        name: `worker: sustained proving (${loadSeconds} s, ${concurrency} prover thread${concurrency > 1 ? "s" : ""})`,
        rows: [
          {
            "proofs/min": Math.round((settledInWindow / loadSeconds) * 60 * 10) / 10,
            settled: latencies.length,
            failed,
            "prove s (mean)": proveCount > 0 ? Math.round((proveSum / proveCount) * 1000) / 1000 : Number.NaN,
            "open→settled p50 s": Math.round(percentile(latencies, 50)) / 1000,
            "open→settled p99 s": Math.round(percentile(latencies, 99)) / 1000,
            "openJobWithPermit gas": median(openGas),
            "fulfil gas": median(fulfilGas),
            "RSS before MiB": mib(rssBefore),
            "RSS after MiB": mib(after.process_resident_memory_bytes ?? Number.NaN),
            "RSS peak MiB": mib(rssPeak),
          },
        ],
        notes: [
          "Each job: openJob with an ERC-2612 permit, POST /v1/jobs/:id/input, Groth16 proof in a worker thread, fulfil (verify + attest + ERC-8004 validation + payment).",
          "Gas is the median over the run's receipts; issue 3's targets: fulfil < 300k, openJobWithPermit < 150k.",
          "RSS is the worker process's (prover threads included), from its /metrics; the load generator and chain node run beside it.",
          `Set CONVERGENCE_BENCH_WORKER_SECONDS for another load duration (default 300 s) and CONVERGENCE_BENCH_WORKER_CONCURRENCY for more prover threads (default 1).`,
        ],
      },
    ];
  } finally {
    await worker?.stop();
    await facilitator?.close();
    await node.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How many payers' loops run at once in the paid-inference section. */
const PAID_CONNECTIONS = 10;

/**
 * `PAID_CONNECTIONS` loops for `seconds`, each: sign a fresh payment for the worker's 402 with the official x402
 * client, POST it, time the answer. Returns the latencies (ms, sorted) of the paid 200s, the failures, and the USDC
 * those paid calls cost (count x 0.01).
 */
async function paidLoad({
  url,
  body,
  payer,
  usdc,
  seconds,
}: {
  url: string;
  body: string;
  payer: ReturnType<typeof devnetAccounts>[number];
  usdc: `0x${string}`;
  seconds: number;
}): Promise<{ latencies: number[]; failed: number; seconds: number; usdcPaid: string }> {
  const post = (headers: Record<string, string> = {}) =>
    fetch(`${url}/v1/inference`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const unpaid = await post();
  if (unpaid.status !== 402) throw new Error(`expected 402 from the paid worker, got ${unpaid.status}`);
  const required = decodePaymentRequiredHeader(unpaid.headers.get("payment-required")!);
  const client = new x402Client()
    .register("eip155:31337", new ExactEvmScheme(toClientEvmSigner(payer)))
    .setSpendControls({ allowedAssets: [{ network: "eip155:31337", asset: usdc }] });
  const latencies: number[] = [];
  let failed = 0;
  const loop = async (end: number) => {
    while (performance.now() < end) {
      const header = encodePaymentSignatureHeader(await client.createPaymentPayload(required));
      const started = performance.now();
      const response = await post({ "PAYMENT-SIGNATURE": header });
      await response.arrayBuffer();
      if (response.status === 200 && response.headers.get("payment-response")) {
        latencies.push(performance.now() - started);
      } else failed += 1;
    }
  };
  // Warm-up: one paid call through every path.
  await loop(performance.now() + 1);
  latencies.length = 0;
  failed = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: PAID_CONNECTIONS }, () => loop(started + seconds * 1000)));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { latencies, failed, seconds: elapsed, usdcPaid: ((latencies.length * 10_000) / 1e6).toFixed(2) };
}
