/**
 * `pnpm bench cli`: how long the `convergence` command takes to start, as a process, the way users and the tests run
 * it. p50 of RUNS runs after one untimed run (which also builds the CLI if its build is stale):
 *   --help                       the root help: lists every subcommand
 *   did resolve (start-up)       up to the first network request: --rpc points at a closed port, so the command stops
 *                                right there with "No JSON-RPC answer"
 *   agent plan --model embedded  the showcase intent planned and printed as JSON, no network
 * each through the built CLI (`node apps/cli/src/bin.ts`, what `pnpm convergence` runs), through pnpm
 * (`pnpm -s convergence`, adding pnpm's own start-up), and from the TypeScript sources with tsx (how every command
 * ran before the build: CONVERGENCE_CLI_FROM_SOURCE=1 node --import tsx apps/cli/src/bin.ts). Then a whole
 * `did resolve` against a local node with the stack deployed, and one build of the CLI.
 */
import { type ChildProcessByStdio, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { devnetAccounts, writeDeployment } from "@convergence/contracts";
import { deployStack, startNode } from "@convergence/devnet";
import { workspaceRoot } from "@convergence/paths";
import { createClients } from "@convergence/sdk";
import { buildCli } from "../../apps/cli/src/launcher/buildCli.ts";
import { spawnCli } from "../../test/helpers/runCli.ts";
import type { BenchSection } from "../types.ts";

const RUNS = 5;
const INTENT =
  "Get a verified risk score for WETH/USDC paying at most 2 USDC, and if the risk is low swap 100 USDC for WETH";
const DID = `did:ethr:0x7a69:${devnetAccounts({ count: 1 })[0]!.address}`;

type Case = {
  command: string;
  args: string[];
  /** Throws unless the run did what is timed (a wrong exit or output would time something else). */
  check: (run: { code: number | null; stdout: string; stderr: string }) => void;
};

const CASES: Case[] = [
  {
    command: "--help",
    args: ["--help"],
    check: ({ code, stdout }) => {
      if (code !== 0 || !stdout.includes("did                      did:ethr identities")) {
        throw new Error(`--help printed no command list (exit ${code})`);
      }
    },
  },
  {
    command: "did resolve (start-up, to the first request)",
    args: ["did", "resolve", DID, "--rpc", "http://127.0.0.1:1"],
    check: ({ code, stderr }) => {
      if (code !== 1 || !stderr.includes("No JSON-RPC answer from http://127.0.0.1:1")) {
        throw new Error(`did resolve did not stop at its first request (exit ${code}): ${stderr}`);
      }
    },
  },
  {
    command: "agent plan --json --model embedded",
    args: ["agent", "plan", INTENT, "--json", "--model", "embedded"],
    check: ({ code, stdout }) => {
      const names = code === 0 ? (JSON.parse(stdout) as { calls: { name: string }[] }).calls.map((c) => c.name) : [];
      if (names.join() !== "request_verified_inference,swap_tokens") {
        throw new Error(`agent plan planned [${names.join(", ")}] (exit ${code})`);
      }
    },
  },
];

type Entry = {
  name: string;
  spawn: (args: string[], env: Record<string, string>) => ChildProcessByStdio<null, Readable, Readable>;
  /** Whether the CPU time of the command's process can be read (not through pnpm: NODE_OPTIONS would reach pnpm). */
  cpu: boolean;
  /** NODE_OPTIONS for the command's process. */
  nodeOptions?: string;
};

const CPU_REPORTER = pathToFileURL(join(import.meta.dirname, "..", "cpuReporter.ts")).href;

const ENTRIES: Entry[] = [
  { name: "built: node apps/cli/src/bin.ts", cpu: true, spawn: (args, env) => spawnCli(args, { env }) },
  {
    name: "pnpm -s convergence",
    cpu: false,
    spawn: (args, env) =>
      spawn("pnpm", ["-s", "convergence", ...args], {
        cwd: workspaceRoot(),
        env: { ...process.env, FORCE_COLOR: "0", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      }),
  },
  {
    name: "before: sources with tsx",
    cpu: true,
    nodeOptions: "--import tsx",
    spawn: (args, env) => spawnCli(args, { env: { ...env, CONVERGENCE_CLI_FROM_SOURCE: "1" } }),
  },
];

/** Runs the CLI once: wall time, and the CPU time of the command's own process (not pnpm's) when it can be read. */
async function timeRun(entry: Entry, args: string[], env: Record<string, string> = {}) {
  const nodeOptions = [entry.nodeOptions, entry.cpu ? `--import ${CPU_REPORTER}` : undefined].filter(Boolean);
  const start = performance.now();
  const child = entry.spawn(args, nodeOptions.length > 0 ? { ...env, NODE_OPTIONS: nodeOptions.join(" ") } : env);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const ms = performance.now() - start;
  const reported = /\ncpu-ms ([\d.]+)\n$/.exec(stderr);
  if (entry.cpu && !reported) throw new Error(`no CPU time reported by ${entry.name} ${args.join(" ")}: ${stderr}`);
  return {
    ms,
    cpuMs: reported ? Number(reported[1]) : undefined,
    code,
    stdout,
    stderr: stderr.replace(/\ncpu-ms [\d.]+\n$/, ""),
  };
}

const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => Math.round(value);

async function startup(): Promise<BenchSection> {
  const rows: BenchSection["rows"] = [];
  const load = loadavg()[0]!;
  for (const kase of CASES) {
    for (const entry of ENTRIES) {
      kase.check(await timeRun(entry, kase.args));
      const times: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const run = await timeRun(entry, kase.args);
        kase.check(run);
        times.push(run.ms);
        if (run.cpuMs !== undefined) cpu.push(run.cpuMs);
      }
      rows.push({
        command: kase.command,
        entry: entry.name,
        runs: RUNS,
        "p50 ms": ms(p50(times)),
        "max ms": ms(Math.max(...times)),
        "CPU p50 ms": cpu.length > 0 ? ms(p50(cpu)) : "-",
      });
    }
  }
  return {
    name: "cli: start-up of the convergence command (process wall time)",
    rows,
    notes: [
      `p50 of ${RUNS} runs after one untimed run; targets on 2 cores: --help <= 500 ms, did resolve start-up <= 1,000 ms.`,
      "built = the launcher checks the build is current (a few hundred stat calls), then imports the esbuild bundle: workspace TypeScript and viem bundled, other packages loaded from node_modules, each subcommand in its own chunk, --help listing the subcommands from summaries recorded at build time.",
      "pnpm -s convergence adds pnpm's own start-up (a Node process reading the workspace) to the built figure.",
      "before = CONVERGENCE_CLI_FROM_SOURCE=1 with tsx: the TypeScript sources transpiled on every start, --help loading every subcommand (LangChain, onnxruntime, snarkjs), as all commands ran before the build.",
      "CPU = user + system time of the command's own process (all its threads), reported by bench/cpuReporter.ts (not for pnpm: NODE_OPTIONS would reach pnpm's own Node); it barely moves with the machine's load, the wall time does.",
      `1-minute load average when the table started: ${load.toFixed(2)} (this machine is shared; wall times scale with it).`,
    ],
  };
}

async function resolveOnChain(): Promise<BenchSection> {
  const node = await startNode({ port: 0 });
  const dir = mkdtempSync(join(tmpdir(), "bench-cli-"));
  try {
    const accounts = devnetAccounts({ count: 1 });
    const { walletClient } = createClients({ rpcUrl: node.url, chainId: 31337, account: accounts[0]! });
    writeDeployment({ deployment: await deployStack({ client: walletClient!, fund: [] }), dir });
    const args = ["did", "resolve", DID, "--rpc", node.url, "--json"];
    const env = { CONVERGENCE_DEPLOYMENTS_DIR: dir };
    const check = ({ code, stdout }: { code: number | null; stdout: string }) => {
      if (code !== 0 || (JSON.parse(stdout) as { id?: string }).id !== DID)
        throw new Error(`did resolve failed (exit ${code})`);
    };
    check(await timeRun(ENTRIES[0]!, args, env));
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await timeRun(ENTRIES[0]!, args, env);
      check(run);
      times.push(run.ms);
    }
    const start = performance.now();
    const buildDir = join(dir, "dist");
    await buildCli({ distDir: buildDir });
    const buildMs = performance.now() - start;
    return {
      name: "cli: a whole did resolve on a local node, and building the CLI",
      rows: [
        {
          case: "did resolve --json (start-up + chain id + resolution)",
          runs: RUNS,
          "p50 ms": ms(p50(times)),
          "max ms": ms(Math.max(...times)),
        },
        {
          case: "build: esbuild bundle + loading every subcommand once",
          runs: 1,
          "p50 ms": ms(buildMs),
          "max ms": ms(buildMs),
        },
      ],
      notes: [
        "did resolve through the built CLI against a Hardhat node on this machine with the stack deployed (ERC-1056 registry, ethr-did-resolver).",
        "The build runs at `pnpm install` (root postinstall) and again on the first command after a source, launcher or dependency change.",
      ],
    };
  } finally {
    await node.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchSection[]> {
  return [await startup(), await resolveOnChain()];
}
