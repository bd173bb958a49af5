import type { Command } from "commander";
import { runDemo } from "../demo/runDemo.ts";
import { SHOWCASE_INTENT } from "../demo/runShowcase.ts";
import { InvalidArgumentError } from "../errors.ts";
import { parsePort } from "../options.ts";
import { printResult } from "../output.ts";

/**
 * `convergence demo` (`pnpm demo`): the whole stack on a throwaway local chain, then an agent buying a proven risk
 * score and acting on it. Ctrl-C stops the node and the worker; any failure exits 1 and names the step.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description(
      "Start a local chain, deploy, set up risk-v1's proofs, start two workers, create an agent with USDC and run it on the showcase intent (its verified inference bought in the market).",
    )
    .option("--intent <text>", "the intent the agent runs (it must start with a verified inference)", parseIntentOption)
    .option(
      "--json",
      "print only the summary {agentId, did, jobId, attestationId, verified, output, swapTx, timingsMs, ...}",
    )
    .option(
      "--ui",
      "serve the dashboard while the demo runs, and keep the stack and the dashboard up after it (Ctrl-C)",
    )
    .option("--dashboard-port <port>", "the dashboard's port with --ui (0 = any free port)", parsePort, 5173)
    .action(async (options: { intent?: string; json?: boolean; ui?: boolean; dashboardPort: number }) => {
      let cleanup: (() => Promise<void>) | undefined;
      const onSignal = (signal: NodeJS.Signals) => {
        process.stderr.write(`\n${signal}: stopping the workers and the node...\n`);
        void (cleanup?.() ?? Promise.resolve()).finally(() => process.exit(130));
      };
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
      try {
        const summary = await runDemo({
          intent: options.intent ?? SHOWCASE_INTENT,
          quiet: options.json === true,
          onCleanup: (stop) => (cleanup = stop),
          ...(options.ui ? { ui: { port: options.dashboardPort } } : {}),
        });
        printResult({
          json: options.json,
          data: summary,
          human: (s) =>
            [
              "",
              `${s.verified ? "✔" : "✖"} Agent ${s.agentId} (${s.did}) bought a risk score proven in zero knowledge and verified on-chain: ${s.output.risk}.`,
              s.choice.chosen
                ? `  The market chose worker agent ${s.choice.chosen.agentId} (${s.choice.chosen.why}); agent ${s.choice.fulfilledBy} proved it and was rated: ${s.choice.feedback.map((f) => `${f.tag1} ${f.value} (${f.tag2})`).join(", ") || "no feedback"}.`
                : `  Worker ${s.workerUrl} proved it.`,
              s.swapTx
                ? `  It then swapped as asked: ${s.swapTx}.`
                : `  It sent no swap${s.condition ? ` ("${s.condition.text}" did not hold)` : ""}.`,
              `  Demo time ${(s.timingsMs.totalExcludingSetup! / 1000).toFixed(1)} s${s.zkSetup.cached ? "" : ` plus ${(s.zkSetup.ms / 1000).toFixed(1)} s one-time zk setup`}.`,
              "",
              "Next: pnpm convergence devnet --workers 2            (the same stack, left running for you to hack on)",
              "      pnpm -s convergence workers list --model risk-v1  (in another terminal, while it runs)",
              "      pnpm workshop 1                                   (learn each layer step by step)",
            ].join("\n"),
        });
        if (!summary.verified) process.exitCode = 1;
        if (options.ui) {
          process.off("SIGINT", onSignal);
          process.off("SIGTERM", onSignal);
          await serveUntilInterrupted({ url: summary.dashboardUrl, json: options.json, cleanup });
        }
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
    });
}

/** --ui: the demo is done; the chain, the workers and the dashboard stay up until Ctrl-C, which stops them and exits. */
async function serveUntilInterrupted({
  url,
  json,
  cleanup,
}: {
  url: string | undefined;
  json: boolean | undefined;
  cleanup: (() => Promise<void>) | undefined;
}): Promise<void> {
  if (!json) process.stderr.write(`\nDashboard: ${url} (the chain and the workers keep running; Ctrl-C stops them)\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.stderr.write(`\n${signal}: stopping the dashboard, the workers and the node...\n`);
      void (cleanup?.() ?? Promise.resolve()).finally(resolve);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

function parseIntentOption(value: string): string {
  if (value.trim().length < 3) {
    throw new InvalidArgumentError({
      argument: "--intent",
      value,
      expected: 'an English intent such as "swap 100 USDC for WETH"',
    });
  }
  return value;
}
