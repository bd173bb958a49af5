/**
 * `pnpm bench web`: the dashboard. (1) Its production bundle: every file `vite build` writes, gzip-compressed (level 9,
 * as a server would send it): the total, the largest chunk, and what the first page load fetches (index.html's script,
 * preloads and stylesheet; the proof, agent and market pages load their chunks when opened). (2) How long a settled
 * job takes to show as "verified" on the open overview page, in headless Chromium: `convergence devnet` as a user runs
 * it, JOBS jobs opened one after another with `convergence job open`; the settlement time is when a Node watcher polling
 * every 50 ms sees the escrow's JobFulfilled event, the page time is when a MutationObserver in the page sees the job's
 * row turn verified. Same machine, same clock.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { inferenceEscrowAbi } from "@convergence/contracts";
import { createPublicClient, http } from "viem";
import { ensureDashboardBuild } from "../../apps/cli/src/web/ensureDashboardBuild.ts";
import { launchBrowser } from "../../test/helpers/launchBrowser.ts";
import { runCli } from "../../test/helpers/runCli.ts";
import { percentile } from "../../test/helpers/runMarketJobs.ts";
import { spawnDevnet } from "../../test/helpers/spawnDevnet.ts";
import type { BenchSection } from "../types.ts";

const JOBS = 10;
const kB = (bytes: number) => Number((bytes / 1024).toFixed(1));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

async function bundle(): Promise<BenchSection> {
  const { distDir } = await ensureDashboardBuild({ force: true, quiet: true });
  const sized = files(distDir).map((path) => {
    const bytes = readFileSync(path);
    return { name: path.slice(distDir.length + 1), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const assets = sized.filter((f) => /\.(js|css)$/.test(f.name));
  const largest = [...assets].sort((a, b) => b.gzip - a.gzip)[0]!;
  const index = readFileSync(join(distDir, "index.html"), "utf8");
  const initial = sized.filter((f) => f.name === "index.html" || index.includes(`/${f.name}`));
  const sum = (list: typeof sized, key: "raw" | "gzip") => list.reduce((total, f) => total + f[key], 0);
  return {
    name: "web: dashboard production bundle (vite build)",
    rows: [
      { what: "all files", files: sized.length, "raw kB": kB(sum(sized, "raw")), "gzip kB": kB(sum(sized, "gzip")) },
      {
        what: "first page load (index.html + preloads)",
        files: initial.length,
        "raw kB": kB(sum(initial, "raw")),
        "gzip kB": kB(sum(initial, "gzip")),
      },
      { what: `largest chunk (${largest.name})`, files: 1, "raw kB": kB(largest.raw), "gzip kB": kB(largest.gzip) },
    ],
    notes: [
      "gzip level 9 of each file; the first load excludes the lazily loaded proof (snarkjs), agent (ethers) and market pages.",
    ],
  };
}

async function settledToVerified(): Promise<BenchSection> {
  const devnet = await spawnDevnet();
  const browser = await launchBrowser();
  try {
    const client = createPublicClient({ transport: http(devnet.ready.rpcUrl) });
    const settledAt = new Map<string, number>();
    const unwatch = client.watchContractEvent({
      address: devnet.ready.contracts.InferenceEscrow!,
      abi: inferenceEscrowAbi,
      eventName: "JobFulfilled",
      pollingInterval: 50,
      onLogs: (logs) => {
        for (const log of logs) {
          const id = log.args.jobId?.toString();
          if (id && !settledAt.has(id)) settledAt.set(id, Date.now());
        }
      },
    });
    const page = await browser.browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Runs in the page (a string: this file is typechecked without the DOM library).
    await page.addInitScript({
      content: `
        const seen = {};
        globalThis.verifiedAt = seen;
        new MutationObserver(() => {
          for (const row of document.querySelectorAll('[data-job-state="verified"]')) {
            const id = row.getAttribute("data-job-id");
            if (id && !(id in seen)) seen[id] = Date.now();
          }
        }).observe(document, { subtree: true, childList: true, attributes: true });`,
    });
    await page.goto(devnet.ready.dashboardUrl);
    await page.waitForSelector("text=No jobs yet");
    const latencies: number[] = [];
    for (let i = 0; i < JOBS; i += 1) {
      const input = JSON.stringify([0.5 - i / 10, -1.2, 0.3, 0, 0.1, 0, 1, -0.5]);
      const opened = await runCli(["job", "open", "--input", input, "--pay", "1", "--json"], devnet.env);
      if (opened.code !== 0) throw new Error(`job open failed: ${opened.stderr}`);
      const { jobId } = JSON.parse(opened.stdout) as { jobId: string };
      await page.waitForSelector(`[data-job-id="${jobId}"][data-job-state="verified"]`, { timeout: 120_000 });
      const shown = await page.evaluate(
        (id) => (globalThis as { verifiedAt?: Record<string, number> }).verifiedAt?.[id],
        jobId,
      );
      const settled = settledAt.get(jobId);
      if (shown === undefined || settled === undefined) throw new Error(`job ${jobId}: no settlement or page time`);
      latencies.push(shown - settled);
    }
    unwatch();
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      name: `web: a job's settlement on chain to "verified" on the open overview page (${JOBS} jobs, headless Chromium)`,
      rows: [
        {
          jobs: JOBS,
          "p50 ms": Math.round(percentile(sorted, 50)),
          "p90 ms": Math.round(percentile(sorted, 90)),
          "min ms": Math.round(sorted[0]!),
          "max ms": Math.round(sorted.at(-1)!),
        },
      ],
      notes: [
        "The page polls the chain's logs every second (viem watchEvent) and re-reads the jobs every 2 s: the figure is bounded by those intervals plus the reads.",
        "Settlement seen by a Node watcher polling every 50 ms (up to 50 ms late), so the figure may read up to 50 ms short.",
      ],
    };
  } finally {
    await browser.close();
    await devnet.stop();
  }
}

export async function run(): Promise<BenchSection[]> {
  return [await bundle(), await settledToVerified()];
}
