/**
 * The embedded intent model: plan latency (p50/p99) and accuracy over the public corpus
 * (../shared/intents/public.jsonl) and the agent's held-out paraphrases
 * (packages/agent/test/fixtures/heldout.jsonl), compared with the README's normalisation. Latency is
 * measured two ways: the parser alone (what `agent plan` costs) and one turn of EmbeddedIntentModel
 * through LangChain's invoke (what each agent step costs). Warm: one untimed pass first, then each
 * intent REPEATS times. `pnpm bench agent`.
 */
import { performance } from "node:perf_hooks";
import {
  EmbeddedIntentModel,
  type IntentCorpusEntry,
  intentCorpusPaths,
  normalizePlan,
  parseIntent,
  readIntentCorpus,
  toPlanJson,
} from "@convergence/agent";
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

export async function run(): Promise<BenchSection> {
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
      "The held-out set was written without looking at the parser's output; intent-to-settlement latency needs the inference market (not wired yet).",
    ],
  };
}
