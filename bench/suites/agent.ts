/**
 * Section 1. The embedded intent model: plan latency (p50/p99) and accuracy over the public corpus
 * (../shared/intents/public.jsonl) and the agent's held-out paraphrases
 * (packages/agent/test/fixtures/heldout.jsonl), compared with the README's normalisation. Latency is
 * measured two ways: the parser alone (what `agent plan` costs) and one turn of EmbeddedIntentModel
 * through LangChain's invoke (what each agent step costs). Warm: one untimed pass first, then each
 * intent REPEATS times.
 * Section 2. Intent to settlement on a local Hardhat node with the stack deployed: wall time from the
 * English intent to confirmed transactions through createAgent, the tools, the spending policy (with
 * on-chain simulation) and the SDK. `pnpm bench agent`.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  createAgentContext,
  EmbeddedIntentModel,
  type IntentCorpusEntry,
  intentCorpusPaths,
  normalizePlan,
  parseIntent,
  readIntentCorpus,
  runIntent,
  toPlanJson,
} from "@convergence/agent";
import { deployStack, devnetAccounts, startNode } from "@convergence/contracts";
import { createClients } from "@convergence/sdk";
import type { BenchSection } from "../types.ts";

const REPEATS = 20;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

const ms = (value: number) => Number(value.toFixed(3));

async function measure(entries: IntentCorpusEntry[]) {
  const model = new EmbeddedIntentModel();
  let correct = 0;
  let refusalsCorrect = 0;
  const refusals = entries.filter((e) => e.refuse).length;
  for (const entry of entries) {
    const plan = toPlanJson({ plan: parseIntent({ text: entry.intent }) });
    if (JSON.stringify(normalizePlan(plan)) === JSON.stringify(normalizePlan(entry))) {
      correct += 1;
      if (entry.refuse) refusalsCorrect += 1;
    }
    await model.invoke([{ role: "user", content: entry.intent }]);
  }
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
        `One untimed run per intent, then ${SETTLEMENT_RUNS} timed runs. The verified-inference flow (escrow, proof, attestation) is not wired into the agent yet.`,
      ],
    };
  } finally {
    await node.stop();
  }
}

export async function run(): Promise<BenchSection[]> {
  return [await accuracy(), await settlement()];
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
