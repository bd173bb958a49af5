/**
 * The open market (issue #15) as requesters use it: the SDK's market flow (discover, choose, verify, open reserved for a
 * window, deliver, attest, feedback) against real worker processes on a local Hardhat node (chain 1337, fresh keys).
 * `pnpm bench market`.
 *
 * One chain; workers are added one at a time (same price, so the rule spreads jobs by load), and after each addition
 * two requesters run CONVERGENCE_BENCH_MARKET_JOBS jobs (default 18), keeping workers + 1 jobs each in flight.
 * Reported per worker count: jobs settled per minute (wall clock, first choice to last settlement), open-to-attested
 * latency p50/p95 (the `latencyMs:` the requester writes into its feedback), and the workers' mean prove time (their
 * Prometheus histogram). Then the gas of ReputationRegistry.giveFeedback from the feedback receipts, and a "limits" line
 * that says what bounds throughput on this machine, from the figures.
 */
import { cpus, loadavg } from "node:os";
import { loadModelPin } from "@convergence/models";
import type { Hash } from "viem";
import { type MarketJobRecord, percentile, runMarketJobs } from "../../test/helpers/runMarketJobs.ts";
import { startMarketChain } from "../../test/helpers/startMarketChain.ts";
import type { StartedWorker } from "../../test/helpers/startWorkers.ts";
import { startWorkers } from "../../test/helpers/startWorkers.ts";
import type { BenchSection } from "../types.ts";

const positive = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
};

async function proveSeconds(workers: readonly StartedWorker[]): Promise<{ sum: number; count: number }> {
  let sum = 0;
  let count = 0;
  for (const worker of workers) {
    const text = await (await fetch(`${worker.url}/metrics`)).text();
    sum += Number(/^convergence_worker_prove_seconds_sum ([\d.e+-]+)$/m.exec(text)?.[1] ?? 0);
    count += Number(/^convergence_worker_prove_seconds_count (\d+)$/m.exec(text)?.[1] ?? 0);
  }
  return { sum, count };
}

const latencyOf = (record: MarketJobRecord): number | undefined => {
  const tag = record.feedback.find((f) => f.workerAgentId === record.fulfilledBy)?.tag2;
  const match = tag ? /^latencyMs:(\d+)$/.exec(tag) : null;
  return match ? Number(match[1]) : undefined;
};

/**
 * Runs the phases (1, 2, 3 workers) and returns the throughput table and the feedback gas table.
 *
 * @example
 * const [throughput, feedback] = await run();
 */
export async function run(): Promise<BenchSection[]> {
  const jobs = positive("CONVERGENCE_BENCH_MARKET_JOBS", 18);
  const loadAtStart = loadavg()[0]!.toFixed(1);
  const maxWorkers = 3;
  const names = ["w1", "w2", "w3"] as const;
  const chain = await startMarketChain({ parties: ["requesterA", "requesterB", ...names] });
  const { pin, manifest } = await loadModelPin({ name: "risk-v1" });
  const started: StartedWorker[] = [];
  const stops: (() => Promise<void>)[] = [];
  const rows: Record<string, string | number>[] = [];
  const feedbackHashes: Hash[] = [];
  const unsettled: string[] = [];
  try {
    for (let k = 1; k <= maxWorkers; k++) {
      const name = names[k - 1]!;
      const { workers, stop } = await startWorkers({
        rpcUrl: chain.url,
        deploymentsDir: chain.deploymentsDir,
        dir: chain.dir,
        workers: [
          { name, privateKey: chain.parties[name].privateKey, minPrice: "0.17", env: { WORKER_LOG_LEVEL: "warn" } },
        ],
        // Everyone serves the registration the first worker made.
        publishers: [chain.parties.w1.account.address],
      });
      started.push(...workers);
      stops.push(() => stop());
      const proveBefore = await proveSeconds(started);
      const start = Date.now();
      const records = await runMarketJobs({
        publicClient: chain.publicClient,
        deployment: chain.deployment,
        requesters: [
          { name: "A", wallet: chain.parties.requesterA.wallet },
          { name: "B", wallet: chain.parties.requesterB.wallet },
        ],
        jobs,
        concurrency: k + 1,
        pin,
        amount: 200_000n,
        outputScales: manifest.scale,
        exclusiveSeconds: 60,
        deadlineSeconds: 600,
      });
      const settled = records.filter((record) => record.outcome === "fulfilled");
      const lastSettled = Math.max(...settled.map((record) => record.settledAt ?? 0));
      const minutes = (lastSettled - start) / 60_000;
      const proveAfter = await proveSeconds(started);
      const latencies = settled.map(latencyOf).filter((value) => value !== undefined);
      const byWorker = started.map(
        (worker) => settled.filter((record) => record.fulfilledBy === worker.agentId).length,
      );
      for (const record of records) for (const f of record.feedback) if (f.hash) feedbackHashes.push(f.hash);
      for (const record of records.filter((r) => r.outcome !== "fulfilled")) {
        unsettled.push(
          `${k} worker(s): ${record.outcome}${record.error ? `: ${record.error.split("\n").slice(0, 3).join(" ")}` : ""}`,
        );
      }
      const proves = proveAfter.count - proveBefore.count;
      const toOpen = records.filter((r) => r.openedAt !== undefined).map((r) => r.openedAt! - r.startedAt);
      rows.push({
        workers: k,
        jobs: records.length,
        settled: settled.length,
        "not settled": records.length - settled.length,
        "jobs/min": Number((settled.length / minutes).toFixed(1)),
        "open-to-attested p50 s": Number((percentile(latencies, 50) / 1000).toFixed(2)),
        "open-to-attested p95 s": Number((percentile(latencies, 95) / 1000).toFixed(2)),
        "prove s (mean)": Number(((proveAfter.sum - proveBefore.sum) / Math.max(1, proves)).toFixed(2)),
        "choose-to-open p50 s": Number((percentile(toOpen, 50) / 1000).toFixed(2)),
        "jobs per worker": byWorker.join(" / "),
      });
    }

    const gas = (
      await Promise.all(
        feedbackHashes.map((hash) => chain.publicClient.getTransactionReceipt({ hash }).then((r) => r.gasUsed)),
      )
    ).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const at = (p: number) => gas[Math.max(0, Math.min(gas.length - 1, Math.ceil((p / 100) * gas.length) - 1))];

    const perMin = rows.map((row) => Number(row["jobs/min"]));
    const prove = rows.map((row) => Number(row["prove s (mean)"]));
    const p50 = rows.map((row) => Number(row["open-to-attested p50 s"]));
    const chooseOpen = rows.map((row) => Number(row["choose-to-open p50 s"]));
    const cores = cpus().length;
    // Ideal scaling would multiply jobs/min by the worker count; what is left says what binds.
    const scaling = perMin.map((value) => (value / perMin[0]!).toFixed(2));
    const proveGrowth = (prove.at(-1)! / prove[0]!).toFixed(2);
    const chooseOpenGrowth = chooseOpen.at(-1)! / Math.max(0.01, chooseOpen[0]!);
    const limits =
      `jobs/min scale ${scaling.join(" : ")} for 1 : 2 : 3 workers on ${cores} cores; the mean prove time grows ` +
      `${proveGrowth}x from 1 to 3 workers (the workers' proofs share the cores, and so do the chain, the requesters ` +
      `and the other workers' polling), and each job also waits on blocks and round trips ` +
      `(open-to-attested p50 ${p50[0]} s with one worker against a ${prove[0]} s proof), after the requester's own ` +
      `${chooseOpen[0]} s (p50) of discovery, identity challenge, pin check and the open, which it makes one at a time ` +
      `(a permit per open: one account's opens cannot overlap). ` +
      (Number(scaling.at(-1)) >= maxWorkers * 0.6
        ? `Throughput still grows with workers here: the requesters' round trips (discovery, identity challenge, open, feedback) are a large part of each job.`
        : chooseOpenGrowth > Number(proveGrowth)
          ? `What binds is the requester side: the time before a job opens grows ${chooseOpenGrowth.toFixed(1)}x (p50 ${chooseOpen[0]} s to ${chooseOpen.at(-1)} s) while the prove time grows ${proveGrowth}x, because every job discovers the market again (each worker's registration file, reputation and escrow stats; identity challenges) and each requester's opens wait for one another; more requester accounts, or a cached discovery, would let more workers pay off. On this machine the cores are shared too.`
          : `Adding workers on this machine stops paying once they outnumber the cores: CPU for proving is the limit; on separate machines each worker brings its own cores and the chain becomes the shared limit.`);
    return [
      {
        name: "market: jobs settled per minute by workers (SDK market flow, real workers, chain 1337)",
        rows,
        notes: [
          `limits: ${limits}`,
          ...unsettled.map((line) => `not settled, ${line}`),
          `${jobs} jobs per phase from 2 requesters, each keeping workers + 1 in flight; workers added one at a time on one chain, same price (0.17 USDC), each job offering 0.2 USDC and paying the chosen worker's 0.17, window 60 s.`,
          "jobs/min: settled jobs over the wall time from the phase's first choice to its last settlement, feedback included.",
          "open-to-attested: the latency the requester writes into its success feedback (latencyMs tag): job open mined to attestation seen.",
          `Machine: ${cores} cores (${cpus()[0]?.model ?? "unknown"}), shared with the chain and the requesters; load average ${loadAtStart} at the start, ${loadavg()[0]!.toFixed(1)} at the end (other work on the machine counts).`,
          "choose-to-open: the requester's own overhead before a job exists (discovery: agents, registration files, reputation, escrow stats; the identity challenge; the pin check; the permitted open, one at a time per requester).",
        ],
      },
      {
        name: "market: ReputationRegistry.giveFeedback gas",
        rows: [
          {
            feedbacks: gas.length,
            min: Number(gas[0] ?? 0n),
            p50: Number(at(50) ?? 0n),
            max: Number(gas.at(-1) ?? 0n),
          },
        ],
        notes: [
          "From the receipts of every feedback the requesters gave (one per judged worker and job). A client's first feedback to an agent also adds it to the agent's client list (new storage): the max.",
        ],
      },
    ];
  } finally {
    for (const stop of stops) await stop();
    await chain.stop();
  }
}
