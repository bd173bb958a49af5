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
import { devnetAccounts, workspaceRoot, writeDeployment } from "@convergence/contracts";
import { deployStack, startNode } from "@convergence/devnet";
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
};

const ENTRIES: Entry[] = [
  { name: "built: node apps/cli/src/bin.ts", spawn: (args, env) => spawnCli(args, { env }) },
  {
    name: "pnpm -s convergence",
    spawn: (args, env) =>
      spawn("pnpm", ["-s", "convergence", ...args], {
        cwd: workspaceRoot,
        env: { ...process.env, FORCE_COLOR: "0", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      }),
  },
  {
    name: "before: sources with tsx",
    spawn: (args, env) =>
      spawnCli(args, { env: { ...env, CONVERGENCE_CLI_FROM_SOURCE: "1", NODE_OPTIONS: "--import tsx" } }),
  },
];

function timeRun(entry: Entry, args: string[], env: Record<string, string> = {}) {
  const start = performance.now();
  const child = entry.spawn(args, env);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise<{ ms: number; code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ ms: performance.now() - start, code, stdout, stderr })),
  );
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
      for (let i = 0; i < RUNS; i++) {
        const run = await timeRun(entry, kase.args);
        kase.check(run);
        times.push(run.ms);
      }
      rows.push({
        command: kase.command,
        entry: entry.name,
        runs: RUNS,
        "p50 ms": ms(p50(times)),
        "max ms": ms(Math.max(...times)),
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
