/**
 * Section 1. The embedded intent model: plan latency (p50/p99) and accuracy over the public corpus
 * (packages/agent/intents/public.jsonl) and the agent's held-out paraphrases
 * (packages/agent/test/fixtures/heldout.jsonl), compared with the README's normalisation. Latency is
 * measured two ways: the parser alone (what `agent plan` costs) and one turn of EmbeddedIntentModel
 * through LangChain's invoke (what each agent step costs). Warm: one untimed pass first, then each
 * intent REPEATS times.
 * Section 2. Intent to settlement on a local Hardhat node with the stack deployed: wall time from the
 * English intent to confirmed transactions through createAgent, the tools, the spending policy (with
 * on-chain simulation) and the SDK.
 * Section 3. The showcase intent ("Get a verified risk score for WETH/USDC paying at most 2 USDC, and if the
 * risk is low swap 100 USDC for WETH") to settlement with a worker process: pool state -> features -> escrow
 * job (permit) -> input to the worker -> Groth16 proof verified on-chain -> attested risk -> swap.
 * Section 4. The quick intent ("what is the risk of WETH/USDC right now, quick answer is fine, at most 0.05 USDC") to
 * settlement with the same worker selling risk-v1 per call over x402 and a local facilitator: pool state -> features
 * -> the worker's 402 (quote) -> the spending policy -> EIP-3009 authorization -> facilitator settles on-chain -> answer.
 * `pnpm bench agent`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  createAgentContext,
  defaultPolicyConfig,
  EmbeddedIntentModel,
  type IntentCorpusEntry,
  intentCorpusPaths,
  parseIntent,
  readIntentCorpus,
  runIntent,
  scoreIntentCorpus,
  toPlanJson,
} from "@convergence/agent";
import { devnetAccounts, devnetRoleAccount, poolAbi, writeDeployment } from "@convergence/contracts";
import { deployStack, type LaunchWorkerReturnType, launchWorker, startNode } from "@convergence/devnet";
import { type StartFacilitatorReturnType, startFacilitator } from "@convergence/facilitator";
import { createClients, swapTokens } from "@convergence/sdk";
import { parseUnits } from "viem";
import type { BenchSection } from "../types.ts";

const REPEATS = 20;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

const ms = (value: number) => Number(value.toFixed(3));

async function measure(entries: IntentCorpusEntry[]) {
  const model = new EmbeddedIntentModel();
  const refusals = entries.filter((e) => e.refuse).length;
  const { results, passed: correct } = await scoreIntentCorpus({
    entries,
    plan: (intent) => toPlanJson({ plan: parseIntent({ text: intent }) }),
  });
  const refusalsCorrect = results.filter((r, i) => r.passed && entries[i]?.refuse).length;
  for (const entry of entries) await model.invoke([{ role: "user", content: entry.intent }]);
  const parse: number[] = [];
  const invoke: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    for (const entry of entries) {
      let start = performance.now();
      parseIntent({ text: entry.intent });
      parse.push(performance.now() - start);
      start = performance.now();
      await model.invoke([{ role: "user", content: entry.intent }]);
      invoke.push(performance.now() - start);
    }
  }
  parse.sort((a, b) => a - b);
  invoke.sort((a, b) => a - b);
  return { correct, refusals, refusalsCorrect, parse, invoke };
}

const SETTLEMENT_RUNS = 5;
const SETTLEMENT_INTENTS = [
  "swap 10 USDC for WETH with max 1% slippage",
  "wrap 0.01 ETH then swap 0.01 WETH for USDC",
  "send 1 USDC to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
];

async function settlement(): Promise<BenchSection> {
  const node = await startNode({ port: 0 });
  try {
    const accounts = devnetAccounts({ count: 3 });
    const { walletClient } = createClients({ rpcUrl: node.url, chainId: 31337, account: accounts[0]! });
    const deployment = await deployStack({ client: walletClient!, fund: accounts.map((a) => a.address) });
    const { context } = createAgentContext({
      rpcUrl: node.url,
      chainId: 31337,
      account: accounts[2]!,
      contracts: deployment.contracts,
      ownAccounts: [accounts[1]!.address],
      home: mkdtempSync(join(tmpdir(), "bench-agent-")),
      yes: true,
    });
    const rows: BenchSection["rows"] = [];
    for (const intent of SETTLEMENT_INTENTS) {
      await runIntent({ intent, context });
      const times: number[] = [];
      let toolCalls = 0;
      for (let i = 0; i < SETTLEMENT_RUNS; i++) {
        const start = performance.now();
        const { events, answer } = await runIntent({ intent, context });
        times.push(performance.now() - start);
        if (!answer.startsWith("Done.")) throw new Error(`"${intent}" did not settle: ${answer}`);
        toolCalls = events.filter((e) => e.type === "result").length;
      }
      times.sort((a, b) => a - b);
      rows.push({
        intent,
        "tool calls": toolCalls,
        runs: SETTLEMENT_RUNS,
        "p50 ms": ms(percentile(times, 50)),
        "max ms": ms(times.at(-1)!),
      });
    }
    return {
      name: "agent: intent to settlement on a local Hardhat node (embedded model)",
      rows,
      notes: [
        "Wall time from the English intent to confirmed transactions: createAgent -> tools -> policy (caps, ledger, on-chain simulation) -> SDK -> receipts. Hardhat automines, so block time is not included.",
        `One untimed run per intent, then ${SETTLEMENT_RUNS} timed runs. The verified-inference showcase is the next table.`,
      ],
    };
  } finally {
    await node.stop();
  }
}

const SHOWCASE_INTENT =
  "Get a verified risk score for WETH/USDC paying at most 2 USDC, and if the risk is low swap 100 USDC for WETH";
const SHOWCASE_RUNS = 3;
const QUICK_INTENT = "what is the risk of WETH/USDC right now, quick answer is fine, at most 0.05 USDC";
const QUICK_RUNS = 10;
const QUICK_PRICE = "0.01";

async function showcase(): Promise<BenchSection[]> {
  const dir = mkdtempSync(join(tmpdir(), "bench-agent-showcase-"));
  const node = await startNode({ port: 0 });
  let worker: LaunchWorkerReturnType | undefined;
  let facilitator: StartFacilitatorReturnType | undefined;
  try {
    const accounts = devnetAccounts({ count: 8 });
    const wallets = accounts.map(
      (account) => createClients({ rpcUrl: node.url, chainId: 31337, account }).walletClient!,
    );
    const deployment = await deployStack({ client: wallets[0]!, fund: accounts.slice(0, 5).map((a) => a.address) });
    const { contracts } = deployment;
    writeDeployment({ deployment, dir });
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
      env: { WORKER_LOG_LEVEL: "warn", WORKER_X402_PRICE: QUICK_PRICE, WORKER_FACILITATOR_URL: facilitator.url },
    });
    // A market risk-v1 scores low (as in test/agent/verifiedInference.test.ts): LP tokens spread over four
    // holders and a few round-trip trades; the seeded pool alone (one LP, no trading) scores medium.
    const deployerLp = await wallets[0]!.readContract({
      address: contracts.Pool,
      abi: poolAbi,
      functionName: "balanceOf",
      args: [accounts[0]!.address],
    });
    for (const holder of [5, 6, 7]) {
      await wallets[0]!.writeContract({
        address: contracts.Pool,
        abi: poolAbi,
        functionName: "transfer",
        args: [accounts[holder]!.address, (deployerLp * 20n) / 100n],
      });
    }
    const swap = (tokenIn: `0x${string}`, amountIn: bigint) =>
      swapTokens({ client: wallets[4]!, pool: contracts.Pool, tokenIn, amountIn, maxSlippageBps: 100 });
    for (let i = 0; i < 3; i++) {
      const { amountOut } = await swap(contracts.USDC, parseUnits("2000", 6));
      await swap(contracts.WETH, amountOut);
    }
    const { context } = createAgentContext({
      rpcUrl: node.url,
      chainId: 31337,
      account: accounts[1]!,
      contracts,
      home: join(dir, "home"),
      workerUrl: worker.url,
      yes: true,
    });
    const times: number[] = [];
    const prove: number[] = [];
    for (let i = 0; i <= SHOWCASE_RUNS; i++) {
      const start = performance.now();
      const { events, answer } = await runIntent({ intent: SHOWCASE_INTENT, context });
      const elapsed = performance.now() - start;
      if (!answer.startsWith("Done.")) throw new Error(`the showcase intent did not settle: ${answer}`);
      const inference = events.find((e) => e.type === "result" && e.name === "request_verified_inference");
      const proveMs =
        inference?.type === "result" ? (JSON.parse(inference.text) as { proveMs?: number }).proveMs : undefined;
      if (i === 0) continue; // warm-up: the prover thread loads the circuit's keys
      times.push(elapsed);
      if (proveMs !== undefined) prove.push(proveMs);
    }
    times.sort((a, b) => a - b);
    prove.sort((a, b) => a - b);
    // The quick path: its own home, whose policy allows the worker's payTo (its agent wallet).
    const quickHome = join(dir, "home-quick");
    mkdirSync(quickHome, { recursive: true });
    writeFileSync(
      join(quickHome, "policy.json"),
      JSON.stringify({ ...defaultPolicyConfig, allowlist: { ownAccounts: true, addresses: [worker.account] } }),
    );
    const quick = createAgentContext({
      rpcUrl: node.url,
      chainId: 31337,
      account: accounts[1]!,
      contracts,
      home: quickHome,
      workerUrl: worker.url,
      yes: true,
    }).context;
    const quickTimes: number[] = [];
    for (let i = 0; i <= QUICK_RUNS; i++) {
      const start = performance.now();
      const { events, answer } = await runIntent({ intent: QUICK_INTENT, context: quick });
      const elapsed = performance.now() - start;
      const result = events.find((e) => e.type === "result" && e.name === "get_quick_inference");
      if (!answer.startsWith("Done.") || result?.type !== "result" || !result.ok) {
        throw new Error(`the quick intent did not settle: ${answer}`);
      }
      if (i > 0) quickTimes.push(elapsed);
    }
    quickTimes.sort((a, b) => a - b);
    const quickSection: BenchSection = {
      name: "agent: quick intent to settlement over x402 (embedded model, local Hardhat node, worker, facilitator)",
      rows: [
        {
          intent: QUICK_INTENT,
          "tool calls": 1,
          runs: QUICK_RUNS,
          "p50 ms": ms(percentile(quickTimes, 50)),
          "max ms": ms(quickTimes.at(-1)!),
          price: `${QUICK_PRICE} USDC`,
        },
      ],
      notes: [
        "Wall time from the English intent to the answer: pool state read from the chain, risk-v1 features, the worker's 402 read (quote, nothing signed), the spending policy (caps, ledger, allowlist, balance check), the EIP-3009 authorization signed by @x402/fetch, verified and settled on-chain by the facilitator, the worker's unproven answer.",
        `One untimed warm-up run, then ${QUICK_RUNS} timed runs, each paying once. Same worker and chain as the verified showcase above; Hardhat automines.`,
      ],
    };
    return [
      {
        name: "agent: showcase intent to settlement with verified inference (embedded model, local Hardhat node, worker)",
        rows: [
          {
            intent: SHOWCASE_INTENT,
            "tool calls": 2,
            runs: SHOWCASE_RUNS,
            "p50 ms": ms(percentile(times, 50)),
            "max ms": ms(times.at(-1)!),
            "prove p50 ms": prove.length ? ms(percentile(prove, 50)) : "n/a",
          },
        ],
        notes: [
          "Wall time from the English intent to the swap's receipt: pool state read from the chain, risk-v1 features, input commitment, escrow job opened with a permit, input delivered to the worker, Groth16 proof (worker thread), fulfil verified on-chain, attestation read and decoded, then the conditional swap through the policy.",
          `One untimed warm-up run, then ${SHOWCASE_RUNS} timed runs; every run attested risk low and swapped. The worker polls the chain every 100 ms; Hardhat automines.`,
          "prove = the worker's own proveMs for the job (GET /v1/jobs/:id).",
        ],
      },
      quickSection,
    ];
  } finally {
    await worker?.stop();
    await facilitator?.close();
    await node.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchSection[]> {
  return [await accuracy(), await settlement(), ...(await showcase())];
}

async function accuracy(): Promise<BenchSection> {
  const paths = intentCorpusPaths();
  const rows: BenchSection["rows"] = [];
  for (const [name, path] of [
    ["public", paths.public],
    ["held-out", paths.heldout],
  ] as const) {
    const entries = readIntentCorpus({ path });
    const m = await measure(entries);
    rows.push({
      corpus: name,
      intents: entries.length,
      correct: m.correct,
      accuracy: `${((100 * m.correct) / entries.length).toFixed(1)}%`,
      "refusals correct": `${m.refusalsCorrect}/${m.refusals}`,
      "parse p50 ms": ms(percentile(m.parse, 50)),
      "parse p99 ms": ms(percentile(m.parse, 99)),
      "model turn p50 ms": ms(percentile(m.invoke, 50)),
      "model turn p99 ms": ms(percentile(m.invoke, 99)),
    });
  }
  return {
    name: "agent: embedded intent model (plan latency and accuracy)",
    rows,
    notes: [
      `Each intent timed ${REPEATS} times after one warm-up pass; single process, no network.`,
      "parse = parseIntent (what `agent plan` costs); model turn = EmbeddedIntentModel.invoke through LangChain (one agent step).",
      "Accuracy compares toPlanJson(plan) with the corpus line under normalizePlan (key order, address case, canonical amounts, condition present or not, refusal = no calls).",
      "The held-out set was written without looking at the parser's output.",
    ],
  };
}
