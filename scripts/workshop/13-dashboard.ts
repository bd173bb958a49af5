/**
 * Step 13: the dashboard.
 *
 * Everything so far scrolled by in a terminal. The dashboard (apps/web, Vite + React + viem) shows the same stack live
 * in a browser: agents and their DID documents, jobs moving from opened to proving to verified, each proof with its
 * public signals named, models, the market, the pool. It reads the chain and the workers itself, from the browser:
 * the small server that `serveDashboard` runs (the same one `pnpm convergence devnet` and `pnpm demo --ui` start) only
 * hands it the static files, a /config.json saying where the chain, the contracts and the workers are, and the
 * verification keys this machine holds, which the page hashes and holds against the chain before using one.
 *
 * This step starts the worker and the dashboard on step 1's chain, opens one job through the CLI so you see it move,
 * then keeps serving until Ctrl-C. On the job's proof page, **Verify in this browser** runs snarkjs' Groth16 check in
 * the page, on the proof read from the fulfil transaction's calldata, against the key whose hash the ModelRegistry
 * pins: trust neither this server nor the worker. Edit a public signal and verify again: it fails.
 *
 * What runs, as you would type it:
 *   pnpm convergence devnet                    (the same dashboard, on a chain of its own; prints Dashboard: <url>)
 *   pnpm -s convergence job open --input '[...]' --pay 1
 */
import { spawn } from "node:child_process";
import { workspaceRoot } from "@convergence/paths";
import { serveDashboard } from "../../apps/cli/src/web/serveDashboard.ts";
import { nextStep } from "./lib/nextStep.ts";
import { startWorker } from "./lib/startWorker.ts";
import { workshopChain } from "./lib/workshopChain.ts";

/** Runs `pnpm convergence <args>` (the CLI's entry point) and returns its stdout; a failure shows its stderr. */
function convergence(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["apps/cli/src/bin.ts", ...args], {
      cwd: workspaceRoot(),
      env: process.env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.on("close", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`convergence ${args.join(" ")} exited with ${code}`)),
    );
  });
}

const { rpcUrl, deployment } = await workshopChain();
const worker = await startWorker({ rpcUrl });
const dashboard = await serveDashboard({
  port: Number(process.env.CONVERGENCE_DASHBOARD_PORT ?? 5173),
  config: {
    rpcUrl,
    chainId: deployment.chainId,
    contracts: deployment.contracts,
    fromBlock: deployment.startBlock,
    workers: [worker.url],
    agentUrl: null,
  },
}).catch(async (error: unknown) => {
  await worker.stop();
  throw error;
});
const stop = async () => {
  await dashboard.close();
  await worker.stop();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);

process.stdout.write(
  `Dashboard: ${dashboard.url}   (open it now: the job below appears, then moves to proving and verified)\n`,
);
const settled = JSON.parse(
  await convergence(
    ["job", "open", "--input", "[0.5,-1.2,0.3,0,0.1,0,1,-0.5]", "--pay", "1"].concat([
      "--worker-url",
      worker.url,
      "--rpc",
      rpcUrl,
      "--json",
    ]),
  ),
) as { jobId: string; output: { label?: string } };
process.stdout.write(
  [
    `Job ${settled.jobId} verified on-chain (${settled.output.label ?? "?"}). On the dashboard:`,
    `  ${dashboard.url}/jobs/${settled.jobId}         its attestation and outputs, labelled`,
    `  ${dashboard.url}/jobs/${settled.jobId}/proof   Verify in this browser (snarkjs, against the key the chain pins)`,
    `  ${dashboard.url}/agents/1        the worker's ERC-8004 identity and DID document`,
  ].join("\n"),
);
nextStep({
  command: "pnpm workshop 14",
  note: "Leave this running to keep looking (Ctrl-C stops the dashboard and the worker). In another terminal, step 14 puts the agent on a session key whose limits the chain enforces; watch its calls here:",
});
await new Promise(() => {});
