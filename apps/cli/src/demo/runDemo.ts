import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseIntent } from "@convergence/agent";
import { DEVNET_CHAIN_ID, devnetRoleAccount } from "@convergence/contracts";
import { loadModel } from "@convergence/models";
import { createClients, getAttestation, getValidation, getWorkerJob } from "@convergence/sdk";
import type { Hash } from "viem";
import { CliError } from "../errors.ts";
import { runStep } from "../progress.ts";
import { createDemoAgent } from "./createDemoAgent.ts";
import { ensureRiskSetup } from "./ensureRiskSetup.ts";
import { DemoStepError } from "./errors.ts";
import { launchDevnetWorkers } from "./launchDevnetWorkers.ts";
import { readBalances } from "./readBalances.ts";
import { registerDemoModel } from "./registerDemoModel.ts";
import { runShowcase, SHOWCASE_INTENT } from "./runShowcase.ts";
import { simulateMarketActivity } from "./simulateMarketActivity.ts";
import { startDemoChain } from "./startDemoChain.ts";

export type RunDemoParameters = {
  intent?: string;
  /** --json: no progress, no story; the summary only. */
  quiet?: boolean;
  /** Called once the chain runs, with a function that stops everything started so far (for Ctrl-C). */
  onCleanup?: (cleanup: () => Promise<void>) => void;
};

export type DemoSummary = {
  agentId: string;
  did: string;
  /** The node and workers this run used (all stopped when the demo returns). */
  rpcUrl: string;
  /** The worker that proved the job. */
  workerUrl: string;
  /** The two competing workers: each its own key, ERC-8004 agent and price floor (USDC). */
  workers: { agentId: string; url: string; wallet: string; price: string }[];
  agentWallet: string;
  jobId: string;
  attestationId: string;
  /** The attestation is on-chain for this job and worker, the fulfil succeeded, and the validation answered 100. */
  verified: boolean;
  validation: { agentId: string; response: number };
  output: { risk: string; values: number[] };
  condition: { text: string; met: boolean } | null;
  swapTx: string | null;
  transactions: Record<string, { hash: string; gasUsed: string } | null>;
  proofMs: number | null;
  balances: { before: Record<string, string>; after: Record<string, string> };
  zkSetup: { cached: boolean; ms: number };
  /** Per step, and total (setup included) and totalExcludingSetup. */
  timingsMs: Record<string, number>;
};

/**
 * `convergence demo` end to end: a Hardhat node on a free port, the stack deployed, risk-v1's zk keys (setup when
 * missing), the model registered, the worker started, an agent with a DID, an ERC-8004 identity and USDC, and the
 * agent run on the showcase intent; then the attestation, the validation and the balances read back from the chain.
 * Everything it started is stopped before it returns, also on failure. A failure is a DemoStepError naming the step.
 *
 * @example
 * const summary = await runDemo({ quiet: true });
 */
export async function runDemo({
  intent = SHOWCASE_INTENT,
  quiet = false,
  onCleanup,
}: RunDemoParameters = {}): Promise<DemoSummary> {
  const timingsMs: Record<string, number> = {};
  const say = (line: string) => {
    if (!quiet) process.stderr.write(`${line}\n`);
  };
  const stops: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  onCleanup?.(cleanup);
  const step = async <T>(key: string, title: string, run: (update: (message: string) => void) => Promise<T>) => {
    const start = performance.now();
    try {
      return await runStep({ title, quiet, run: (s) => run((message) => s.update(message)) });
    } catch (cause) {
      throw new DemoStepError({ step: title, cause });
    } finally {
      timingsMs[key] = Math.round(performance.now() - start);
    }
  };
  const started = performance.now();
  try {
    const plan = await step("plan", "Reading the intent", async () => {
      const planned = parseIntent({ text: intent });
      if (planned.refusal !== undefined || !planned.calls.some((c) => c.name === "request_verified_inference")) {
        throw new CliError(
          `the agent plans no verified inference for it (${planned.refusal ?? planned.calls.map((c) => c.name).join(", ")}).`,
          { metaMessages: ["The demo needs an intent that buys a risk score, e.g. the default: pnpm demo"] },
        );
      }
      return planned;
    });
    say(`  plan: ${plan.calls.map((c) => `${c.name}${c.condition ? ` (if ${c.condition.text})` : ""}`).join(" → ")}`);
    const chain = await step("chain", "Starting a Hardhat node and deploying the contracts", (update) =>
      startDemoChain({ onProgress: update }),
    );
    stops.push(chain.stop);
    say(
      `  node ${chain.url}; ${Object.entries(chain.deployment.contracts)
        .map(([n, a]) => `${n} ${a}`)
        .join(", ")}`,
    );

    // The publisher (#3) makes the keys and registers risk-v1; the worker (#2) only proves with them.
    const publisher = devnetRoleAccount({ role: "publisher" });
    const zk = await step(
      "zkSetup",
      "Making sure risk-v1's Groth16 keys exist (one-time setup when missing)",
      (update) => ensureRiskSetup({ contributor: publisher, onProgress: update }),
    );
    say(`  ${zk.cached ? "found in the cache" : "set up now"}: ${zk.setup.zkey}`);

    const { walletClient, publicClient } = createClients({
      rpcUrl: chain.url,
      chainId: DEVNET_CHAIN_ID,
      account: publisher,
    });
    const model = await step(
      "registerModel",
      "Registering risk-v1 (its verifier and weight commitment) as the publisher",
      () =>
        registerDemoModel({
          client: walletClient!,
          registry: chain.deployment.contracts.ModelRegistry,
          setup: zk.setup,
        }),
    );
    say(`  verifier ${model.verifier} (tx ${model.verifierTx.hash}, ${model.verifierTx.gasUsed} gas)`);
    say(`  model ${model.modelId} registered (tx ${model.registerTx.hash}, ${model.registerTx.gasUsed} gas)`);

    // Two workers compete for the job: each its own devnet key, ERC-8004 agent, store and price (devnetWorkerSettings).
    const launched = await step("worker", "Starting two inference workers, each its own ERC-8004 agent", () =>
      launchDevnetWorkers({
        rpcUrl: chain.url,
        deploymentsDir: chain.deploymentsDir,
        count: 2,
        dbPath: join(chain.runDir, "jobs.sqlite"),
        storeRoot: chain.runDir,
      }),
    );
    stops.push(launched.stop);
    const workers = launched.workers;
    for (const w of workers) {
      say(`  ${w.url}: ERC-8004 agent ${w.agentId}, wallet ${w.account}, ${w.minPrice ?? "default"} USDC a job`);
    }
    const worker = workers[0]!;

    const agent = await step(
      "agent",
      "Creating your agent: did:ethr DID, ERC-8004 identity, agent wallet with USDC",
      () => createDemoAgent({ rpcUrl: chain.url, deployment: chain.deployment }),
    );
    say(
      `  agent ${agent.agentId}, ${agent.did}, wallet ${agent.wallet} (tx ${agent.registerTx.hash}, ${agent.registerTx.gasUsed} gas)`,
    );
    say(`  balances: ${formatBalances(agent.balances)}`);

    const market = await step(
      "market",
      "Giving the pool a day of trading (liquidity from two more accounts, 48 swaps)",
      (update) => simulateMarketActivity({ rpcUrl: chain.url, deployment: chain.deployment, onProgress: update }),
    );
    say(
      `  ${market.swaps} swaps, ${market.volumeUsdc} USDC of volume, ${market.liquidityProviders + 1} liquidity providers`,
    );

    say(`\nIntent: "${intent}"`);
    const showcase = await step("showcase", "The agent plans the intent and acts on it", () =>
      runShowcase({
        rpcUrl: chain.url,
        deployment: chain.deployment,
        account: agent.account,
        workerUrl: worker.url,
        home: join(chain.runDir, "agent"),
        intent,
        onLine: (line) => say(`  ${line}`),
      }),
    );

    const checked = await step(
      "check",
      "Reading the attestation, the validation and the balances back from the chain",
      async () => {
        const { manifest } = await loadModel({ name: "risk-v1" });
        const attestation = await getAttestation({
          client: publicClient,
          attestor: chain.deployment.contracts.InferenceAttestor,
          jobId: showcase.jobId,
        });
        const validation = await getValidation({
          client: publicClient,
          attestor: chain.deployment.contracts.InferenceAttestor,
          requestHash: attestation.validationRequestHash,
        });
        const job = await getWorkerJob({ workerUrl: worker.url, jobId: showcase.jobId });
        const fulfilHash = job.txHashes.at(-1) as Hash | undefined;
        const fulfil = fulfilHash ? await publicClient.getTransactionReceipt({ hash: fulfilHash }) : undefined;
        const swap = showcase.swapTx ? await publicClient.getTransactionReceipt({ hash: showcase.swapTx }) : undefined;
        const after = await readBalances({ rpcUrl: chain.url, deployment: chain.deployment, account: agent.wallet });
        return { manifest, attestation, validation, job, fulfil, fulfilHash, swap, after };
      },
    );
    const values = checked.attestation.outputs.map((v) => Number(v) / 2 ** checked.manifest.scale);
    const verified =
      checked.attestation.jobId === showcase.jobId &&
      checked.attestation.worker.toLowerCase() === worker.account.toLowerCase() &&
      checked.validation.response === 100 &&
      checked.fulfil?.status === "success";
    const proofMs = typeof checked.job.timings.proveMs === "number" ? checked.job.timings.proveMs : null;
    say(
      `  proof: ${proofMs ?? "?"} ms in the worker; verified on-chain in the fulfil tx ${checked.fulfilHash ?? "?"} (${checked.fulfil?.gasUsed ?? "?"} gas)`,
    );
    say(
      `  attestation ${showcase.attestationId}: outputs ${values.map((v) => v.toFixed(3)).join(", ")} → ${showcase.risk}; ERC-8004 validation response ${checked.validation.response} by agent ${checked.validation.agentId}`,
    );
    say(`  swap: ${showcase.swapTx ? `${showcase.swapTx} (${checked.swap?.gasUsed} gas)` : "not sent"}`);
    say(`  balances before: ${formatBalances(agent.balances)}`);
    say(`  balances after:  ${formatBalances(checked.after)}`);

    timingsMs.total = Math.round(performance.now() - started);
    timingsMs.totalExcludingSetup = timingsMs.total - (zk.cached ? 0 : (timingsMs.zkSetup ?? 0));
    return {
      agentId: agent.agentId.toString(),
      did: agent.did,
      rpcUrl: chain.url,
      workerUrl: worker.url,
      workers: workers.map((w) => ({
        agentId: w.agentId.toString(),
        url: w.url,
        wallet: w.account,
        price: w.minPrice ?? "",
      })),
      agentWallet: agent.wallet,
      jobId: showcase.jobId.toString(),
      attestationId: showcase.attestationId,
      verified,
      validation: { agentId: checked.validation.agentId.toString(), response: checked.validation.response },
      output: { risk: showcase.risk, values },
      condition: showcase.condition ?? null,
      swapTx: showcase.swapTx ?? null,
      transactions: {
        verifierDeploy: { hash: model.verifierTx.hash, gasUsed: model.verifierTx.gasUsed.toString() },
        registerModel: { hash: model.registerTx.hash, gasUsed: model.registerTx.gasUsed.toString() },
        registerAgent: { hash: agent.registerTx.hash, gasUsed: agent.registerTx.gasUsed.toString() },
        fulfil:
          checked.fulfil && checked.fulfilHash
            ? { hash: checked.fulfilHash, gasUsed: checked.fulfil.gasUsed.toString() }
            : null,
        swap:
          checked.swap && showcase.swapTx ? { hash: showcase.swapTx, gasUsed: checked.swap.gasUsed.toString() } : null,
      },
      proofMs,
      balances: { before: agent.balances, after: checked.after },
      zkSetup: { cached: zk.cached, ms: zk.ms },
      timingsMs,
    };
  } finally {
    await cleanup();
  }
}

function formatBalances(balances: Record<string, string>): string {
  return Object.entries(balances)
    .map(([symbol, amount]) => `${amount} ${symbol}`)
    .join(", ");
}
