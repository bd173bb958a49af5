import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseIntent } from "@convergence/agent";
import { DEVNET_CHAIN_ID, devnetRoleAccount } from "@convergence/contracts";
import { loadModel, loadModelPin } from "@convergence/models";
import {
  createClients,
  discoverWorkers,
  getAttestation,
  getValidation,
  getWorkerJob,
  readAllFeedback,
  type WorkerListing,
} from "@convergence/sdk";
import { formatUnits, type Hash, parseUnits } from "viem";
import { CliError } from "../errors.ts";
import { describeInferenceStep } from "../market/describeInferenceStep.ts";
import { describeListing } from "../market/describeListing.ts";
import { explainChoice } from "../market/explainChoice.ts";
import { rankWorkers } from "../market/rankWorkers.ts";
import { runStep } from "../progress.ts";
import { createDemoAgent } from "./createDemoAgent.ts";
import { ensureRiskSetup } from "./ensureRiskSetup.ts";
import { DemoStepError } from "./errors.ts";
import { grantDemoSession } from "./grantDemoSession.ts";
import { launchDevnetWorkers } from "./launchDevnetWorkers.ts";
import { readBalances } from "./readBalances.ts";
import { registerDemoModel } from "./registerDemoModel.ts";
import { runShowcase, SHOWCASE_INTENT } from "./runShowcase.ts";
import { simulateMarketActivity } from "./simulateMarketActivity.ts";
import { startDemoChain } from "./startDemoChain.ts";
import { startDemoDashboard } from "./startDemoDashboard.ts";
import { DEVNET_X402_PRICE, startDevnetFacilitator } from "./startDevnetFacilitator.ts";

export type RunDemoParameters = {
  intent?: string;
  /** --json: no progress, no story; the summary only. */
  quiet?: boolean;
  /** Called once the chain runs, with a function that stops everything started so far (for Ctrl-C). */
  onCleanup?: (cleanup: () => Promise<void>) => void;
  /**
   * --ui: serve the dashboard on this port once the workers run, and leave the chain, the workers and the dashboard
   * running after a successful demo (the caller stops them with the `onCleanup` function, on Ctrl-C).
   */
  ui?: { port: number };
};

export type DemoSummary = {
  agentId: string;
  did: string;
  /** The node and workers this run used (all stopped when the demo returns, unless --ui). */
  rpcUrl: string;
  /** With --ui: the dashboard's URL. */
  dashboardUrl?: string;
  /** The worker that proved the job. */
  workerUrl: string;
  /** The two competing workers: each its own key, ERC-8004 agent and price floor (USDC). */
  workers: { agentId: string; url: string; wallet: string; price: string }[];
  /** x402: the facilitator the workers settle paid quick answers through, and the price per call (USDC). */
  x402: { facilitatorUrl: string; price: string };
  /**
   * How the agent's verified inference went through the market: the workers it found, the one the rule chose and why,
   * the one whose proof settled the job, and the feedback the agent gave (read back from the ReputationRegistry).
   */
  choice: {
    found: { agentId: string; url: string; price: string; rank: number | null }[];
    chosen: { agentId: string; why: string } | null;
    fulfilledBy: string | null;
    feedback: { agentId: string; value: string; tag1: string; tag2: string }[];
  };
  agentWallet: string;
  /** The session key the agent ran on: its address, the owner's account it acts for, the grant and its expiry (unix). */
  session: { key: string; account: string; grantTx: string; expiresAt: string };
  /** USDC the job paid: the chosen worker's price, at most what the intent offered. */
  paid: string;
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
 * missing), the model registered, two workers started (each its own ERC-8004 agent and price), an agent with a DID,
 * an ERC-8004 identity and USDC, put on a session key of its EIP-7702 account (the chain enforces the grant's limits),
 * and the agent run on the showcase intent through that key: its verified inference goes through the market (the workers found, the one chosen by the rule and why, the feedback given); then the attestation, the
 * validation, the feedback and the balances read back from the chain.
 * Everything it started is stopped before it returns, also on failure. A failure is a DemoStepError naming the step.
 *
 * @example
 * const summary = await runDemo({ quiet: true });
 */
export async function runDemo({
  intent = SHOWCASE_INTENT,
  quiet = false,
  onCleanup,
  ui,
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
  let succeeded = false;
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

    // The workers also sell quick, unproven answers per call over x402, settled by the devnet's facilitator.
    const facilitator = await step("facilitator", "Starting the x402 facilitator (settles paid quick answers)", () =>
      startDevnetFacilitator({ rpcUrl: chain.url, usdc: chain.deployment.contracts.USDC }),
    );
    stops.push(() => facilitator.close());
    say(`  ${facilitator.url}: quick answers cost ${DEVNET_X402_PRICE} USDC a call (x402, exact scheme)`);

    // Two workers compete for the job: each its own devnet key, ERC-8004 agent, store and price (devnetWorkerSettings).
    const launched = await step("worker", "Starting two inference workers, each its own ERC-8004 agent", () =>
      launchDevnetWorkers({
        rpcUrl: chain.url,
        deploymentsDir: chain.deploymentsDir,
        count: 2,
        dbPath: join(chain.runDir, "jobs.sqlite"),
        storeRoot: chain.runDir,
        env: facilitator.workerEnv,
      }),
    );
    stops.push(launched.stop);
    const workers = launched.workers;
    for (const w of workers) {
      say(`  ${w.url}: ERC-8004 agent ${w.agentId}, wallet ${w.account}, ${w.minPrice ?? "default"} USDC a job`);
    }
    const dashboard = ui
      ? await startDemoDashboard({
          rpcUrl: chain.url,
          deployment: chain.deployment,
          workers,
          facilitatorUrl: facilitator.url,
          port: ui.port,
          quiet,
        })
      : undefined;
    if (dashboard) {
      stops.push(dashboard.close);
      say(`Dashboard: ${dashboard.url}`);
    }
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

    // What the agent will see in the market: the workers serving its pinned risk-v1, ranked by the SDK's rule.
    const maxPayment = String(plan.calls.find((c) => c.name === "request_verified_inference")?.args.maxPayment ?? "2");
    const found = await step(
      "discover",
      "Finding the workers that serve risk-v1 (AgentRegistry, registration files)",
      async () => {
        const { pin } = await loadModelPin({ name: "risk-v1" });
        return discoverWorkers({
          publicClient,
          contracts: chain.deployment.contracts,
          fromBlock: BigInt(chain.deployment.startBlock),
          pin,
          trustedClients: [agent.wallet],
        });
      },
    );
    const { ranked } = rankWorkers({ listings: found, maxPrice: parseUnits(maxPayment, 6) });
    for (const [i, listing] of ranked.entries()) say(`  ${i + 1}. ${describeListing({ listing })}`);
    const expected = ranked[0];
    if (expected)
      say(`  the rule ranks agent ${expected.agentId} first: ${explainChoice({ listing: expected, ranked })}`);

    // The agent runs on a session key from here on: the owner's key delegates and grants, then is set aside. Granted
    // after the market's simulated day (which moves the chain's clock a day ahead), so it does not start expired.
    const agentHome = join(chain.runDir, "agent");
    const granted = await step(
      "session",
      "Putting the agent on a session key (EIP-7702 account, limits the chain enforces)",
      () =>
        grantDemoSession({ rpcUrl: chain.url, deployment: chain.deployment, owner: agent.account, home: agentHome }),
    );
    say(
      `  ${agent.wallet} delegates to AgentAccount ${chain.deployment.contracts.AgentAccount}${granted.delegation ? ` (tx ${granted.delegation.hash})` : ""}; session key ${granted.session} granted (tx ${granted.grant.hash}, ${granted.grant.gasUsed} gas)`,
    );
    say(
      `  on chain: ${describeLimits({ granted, deployment: chain.deployment })}; expires ${new Date(Number(granted.policy.expiresAt) * 1000).toISOString()}`,
    );
    say(
      "  the agent now holds only the session key: each send is one batch through the account (approve + call, no permits), checked against the grant by the chain",
    );

    say(`\nIntent: "${intent}"`);
    let chosen: WorkerListing | undefined;
    const showcase = await step("showcase", "The agent plans the intent and acts on it", () =>
      runShowcase({
        rpcUrl: chain.url,
        deployment: chain.deployment,
        session: granted.runOn,
        home: agentHome,
        intent,
        onLine: (line) => say(`  ${line}`),
        // The verified inference's market steps, as they happen.
        onInferenceStep: async (inferenceStep, run) => {
          say(`    · ${describeInferenceStep({ step: inferenceStep, model: "risk-v1" })}`);
          const value = await run();
          if (inferenceStep.name === "choose" || inferenceStep.name === "failover") {
            const listing = (value as { listing?: WorkerListing } | undefined)?.listing;
            if (listing && inferenceStep.name === "choose") chosen = listing;
            if (listing) say(`      chose ${describeListing({ listing })}: ${explainChoice({ listing, ranked })}`);
          }
          return value;
        },
      }),
    );
    const choice = showcase.inference.choice as { fulfilledBy?: string } | undefined;
    const fulfiller = workers.find((w) => w.agentId.toString() === choice?.fulfilledBy) ?? workers[0]!;

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
        const job = await getWorkerJob({ workerUrl: fulfiller.url, jobId: showcase.jobId });
        const fulfilHash = job.txHashes.at(-1) as Hash | undefined;
        const fulfil = fulfilHash ? await publicClient.getTransactionReceipt({ hash: fulfilHash }) : undefined;
        const swap = showcase.swapTx ? await publicClient.getTransactionReceipt({ hash: showcase.swapTx }) : undefined;
        const after = await readBalances({ rpcUrl: chain.url, deployment: chain.deployment, account: agent.wallet });
        // The feedback the agent gave each worker it judged, as the ReputationRegistry holds it.
        const feedback = await readAllFeedback({
          client: publicClient,
          registry: chain.deployment.contracts.ReputationRegistry,
          agentId: fulfiller.agentId,
          clientAddresses: [agent.wallet],
        });
        return { manifest, attestation, validation, job, fulfil, fulfilHash, swap, after, feedback };
      },
    );
    const values = checked.attestation.outputs.map((v) => Number(v) / 2 ** checked.manifest.scale);
    const verified =
      checked.attestation.jobId === showcase.jobId &&
      checked.attestation.worker.toLowerCase() === fulfiller.account.toLowerCase() &&
      checked.validation.response === 100 &&
      checked.fulfil?.status === "success";
    const proofMs = typeof checked.job.timings.proveMs === "number" ? checked.job.timings.proveMs : null;
    say(
      `  proof: ${proofMs ?? "?"} ms in the worker; verified on-chain in the fulfil tx ${checked.fulfilHash ?? "?"} (${checked.fulfil?.gasUsed ?? "?"} gas)`,
    );
    say(
      `  attestation ${showcase.attestationId}: outputs ${values.map((v) => v.toFixed(3)).join(", ")} → ${showcase.risk}; ERC-8004 validation response ${checked.validation.response} by agent ${checked.validation.agentId}`,
    );
    say(
      `  worker: agent ${fulfiller.agentId} at ${fulfiller.url} proved it${chosen && chosen.agentId !== fulfiller.agentId ? ` (after failover from agent ${chosen.agentId})` : ""}; the job paid ${String(showcase.inference.paid ?? "?")} USDC (the chosen worker's price, at most ${maxPayment}); the agent's feedback on-chain: ${checked.feedback.map((f) => `${f.tag1} ${f.value}${f.tag2 ? ` (${f.tag2})` : ""}`).join("; ") || "none"}`,
    );
    say(`  swap: ${showcase.swapTx ? `${showcase.swapTx} (${checked.swap?.gasUsed} gas)` : "not sent"}`);
    say(`  balances before: ${formatBalances(agent.balances)}`);
    say(`  balances after:  ${formatBalances(checked.after)}`);

    succeeded = true;
    timingsMs.total = Math.round(performance.now() - started);
    timingsMs.totalExcludingSetup = timingsMs.total - (zk.cached ? 0 : (timingsMs.zkSetup ?? 0));
    return {
      agentId: agent.agentId.toString(),
      did: agent.did,
      rpcUrl: chain.url,
      ...(dashboard ? { dashboardUrl: dashboard.url } : {}),
      workerUrl: fulfiller.url,
      workers: workers.map((w) => ({
        agentId: w.agentId.toString(),
        url: w.url,
        wallet: w.account,
        price: w.minPrice ?? "",
      })),
      x402: { facilitatorUrl: facilitator.url, price: DEVNET_X402_PRICE },
      choice: {
        found: found.map((listing) => ({
          agentId: listing.agentId.toString(),
          url: listing.url,
          price: formatUnits(listing.model.price, 6),
          rank: ranked.includes(listing) ? ranked.indexOf(listing) + 1 : null,
        })),
        chosen: chosen ? { agentId: chosen.agentId.toString(), why: explainChoice({ listing: chosen, ranked }) } : null,
        fulfilledBy: choice?.fulfilledBy ?? null,
        feedback: checked.feedback.map((f) => ({
          agentId: fulfiller.agentId.toString(),
          value: f.value.toString(),
          tag1: f.tag1,
          tag2: f.tag2,
        })),
      },
      agentWallet: agent.wallet,
      session: {
        key: granted.session,
        account: granted.account,
        grantTx: granted.grant.hash,
        expiresAt: granted.policy.expiresAt.toString(),
      },
      paid: String(showcase.inference.paid ?? ""),
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
    // --ui after a successful demo: everything stays up for the dashboard until the caller's cleanup (Ctrl-C).
    if (!(ui && succeeded)) await cleanup();
  }
}

/** `USDC ≤ 1000 a call, 5000 a day; ...` from the grant's limits. */
function describeLimits({
  granted,
  deployment,
}: {
  granted: { policy: { limits: readonly { token: string; perCall: bigint; perDay: bigint }[] } };
  deployment: { contracts: { USDC: string; WETH: string } };
}): string {
  return granted.policy.limits
    .map((limit) => {
      const [symbol, decimals] =
        limit.token.toLowerCase() === deployment.contracts.USDC.toLowerCase()
          ? ["USDC", 6]
          : limit.token.toLowerCase() === deployment.contracts.WETH.toLowerCase()
            ? ["WETH", 18]
            : ["ETH", 18];
      return `${symbol} ≤ ${formatUnits(limit.perCall, decimals as number)} a call, ${formatUnits(limit.perDay, decimals as number)} a day`;
    })
    .join("; ");
}

function formatBalances(balances: Record<string, string>): string {
  return Object.entries(balances)
    .map(([symbol, amount]) => `${amount} ${symbol}`)
    .join(", ");
}
