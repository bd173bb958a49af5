/**
 * `pnpm bench demo`: the newcomer's path. `convergence demo --json` as a process (what `pnpm demo` runs), end to
 * end: node, deploy, zk keys, model registration, worker, agent, a day of pool trading, the showcase intent with a
 * Groth16 proof verified on-chain, and the read-back. Measured twice: once installed (the zk keys cached in
 * $CONVERGENCE_HOME, RUNS runs, median), and the first run on a machine (an empty CONVERGENCE_HOME: circuit compile
 * and phase-2 setup included).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { workspaceRoot } from "@convergence/paths";
import type { BenchSection } from "../types.ts";

const RUNS = 3;

type Run = {
  wallMs: number;
  summary: {
    verified: boolean;
    output: { risk: string };
    swapTx: string | null;
    proofMs: number;
    timingsMs: Record<string, number>;
    zkSetup: { cached: boolean; ms: number };
  };
};

function runDemo(env: Record<string, string> = {}): Promise<Run> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "apps/cli/src/bin.ts", "demo", "--json"], {
      cwd: workspaceRoot(),
      env: { ...process.env, FORCE_COLOR: "0", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`convergence demo exited ${code}:\n${stderr}`));
      resolve({ wallMs: performance.now() - start, summary: JSON.parse(stdout) });
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const s = (ms: number) => Number((ms / 1000).toFixed(1));

export async function run(): Promise<BenchSection[]> {
  const installed: Run[] = [];
  for (let i = 0; i < RUNS; i += 1) installed.push(await runDemo());
  const home = mkdtempSync(join(tmpdir(), "convergence-bench-home-"));
  let first: Run;
  try {
    first = await runDemo({ CONVERGENCE_HOME: home });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  const step = (key: string) => s(median(installed.map((r) => r.summary.timingsMs[key] ?? 0)));
  return [
    {
      name: "demo: pnpm demo end to end (2 cores)",
      rows: [
        {
          case: `installed (zk keys cached), median of ${RUNS}`,
          "wall s": s(median(installed.map((r) => r.wallMs))),
          "in-process s": step("total"),
          "target s": 60,
          verified: installed.every((r) => r.summary.verified) ? "yes" : "NO",
          risk: installed.map((r) => r.summary.output.risk).join("/"),
          swapped: installed.filter((r) => r.summary.swapTx).length,
        },
        {
          case: "first run (empty CONVERGENCE_HOME: compile + phase-2 setup)",
          "wall s": s(first.wallMs),
          "in-process s": s(first.summary.timingsMs.total ?? 0),
          "target s": "-",
          verified: first.summary.verified ? "yes" : "NO",
          risk: first.summary.output.risk,
          swapped: first.summary.swapTx ? 1 : 0,
        },
      ],
      notes: [
        `one-time zk setup (compile + phase 2, first run): ${s(first.summary.zkSetup.ms)} s; cached lookup: ${step("zkSetup")} s`,
        `installed, per step (median s): chain+deploy ${step("chain")}, register model ${step("registerModel")}, worker start ${step("worker")}, agent ${step("agent")}, market history ${step("market")}, showcase (proof + verify + swap) ${step("showcase")}, read-back ${step("check")}`,
        `proof in the worker (median): ${s(median(installed.map((r) => r.summary.proofMs)))} s`,
        "wall s includes the CLI process start (tsx); in-process s is the demo's own total.",
      ],
    },
  ];
}
