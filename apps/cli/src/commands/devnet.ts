import { dirname } from "node:path";
import {
  DEVNET_CHAIN_ID,
  DEVNET_MNEMONIC,
  DEVNET_ROLES,
  deploymentPath,
  devnetAccounts,
  devnetWorkerIndex,
} from "@convergence/contracts";
import { convergenceHome } from "@convergence/paths";
import { getWorkerModels } from "@convergence/sdk";
import type { Command } from "commander";
import { devnetRoleLines } from "../chain/devnetRoleLines.ts";
import { DemoStepError } from "../demo/errors.ts";
import { startDevnetStack } from "../demo/startDevnetStack.ts";
import { parsePort, parseWorkerCount } from "../options.ts";
import { printResult } from "../output.ts";
import { runStep } from "../progress.ts";
import { startDevnetDashboard } from "../web/startDevnetDashboard.ts";
import { DEFAULT_FACILITATOR_PORT } from "./facilitator.ts";

type DevnetOptions = {
  host: string;
  port: number;
  workerPort: number;
  workers: number;
  market: boolean;
  facilitatorPort: number;
  dashboardPort: number;
  agentPort: number;
  json?: boolean;
};

/**
 * `convergence devnet`: the chain, the deployment (deployments/31337.json, or CONVERGENCE_DEPLOYMENTS_DIR) and the
 * workers in one long-running command for hacking. Prints the URLs, the contracts, the accounts and each worker (url,
 * agent, price); Ctrl-C stops it all. `--workers N` runs N workers, each with its own devnet key and so its own
 * ERC-8004 agent, port worker-port + i, store $CONVERGENCE_HOME/worker-<i>/ (worker 0 keeps the usual one) and a
 * price floor a little different from the others' (devnetWorkerSettings). The x402 facilitator runs in this process
 * (--facilitator-port, default 4022) and every worker sells quick answers through it at DEVNET_X402_PRICE.
 */
export function registerDevnetCommand(program: Command): void {
  program
    .command("devnet")
    .description(
      "Run a local chain with the stack deployed, risk-v1 registered and the worker(s) serving it, until Ctrl-C.",
    )
    .option(
      "--host <host>",
      "interface the node, the worker(s) and the dashboard listen on (the agent endpoint stays on 127.0.0.1)",
      "127.0.0.1",
    )
    .option("--port <port>", "chain port (0 = any free port)", parsePort, 8545)
    .option(
      "--worker-port <port>",
      "first worker's port; worker i listens on it + i (0 = any free port)",
      parsePort,
      8080,
    )
    .option(
      "--workers <n>",
      "how many workers (1-8), each its own key, agent, port, store and price",
      parseWorkerCount,
      1,
    )
    .option(
      "--facilitator-port <port>",
      "the x402 facilitator's port (0 = any free port)",
      parsePort,
      DEFAULT_FACILITATOR_PORT,
    )
    .option("--no-market", "leave the pool without its day of trading (the risk model then reads an idle pool)")
    .option("--dashboard-port <port>", "the dashboard's port (0 = any free port)", parsePort, 5173)
    .option(
      "--agent-port <port>",
      "the agent endpoint's port, for the dashboard's intent console (0 = any free port)",
      parsePort,
      8787,
    )
    .option("--json", "print the ready state as one JSON line")
    .action(async (options: DevnetOptions) => {
      const deploymentsDir = dirname(deploymentPath({ chainId: DEVNET_CHAIN_ID }));
      const stack = await startDevnetStack({
        host: options.host,
        port: options.port,
        workerPort: options.workerPort,
        workers: options.workers,
        storeRoot: convergenceHome(),
        deploymentsDir,
        market: options.market,
        facilitatorPort: options.facilitatorPort,
        stage: async (title, run) => {
          try {
            return await runStep({ title, quiet: options.json, run: (step) => run((m) => step.update(m)) });
          } catch (cause) {
            throw new DemoStepError({ step: title, cause });
          }
        },
      });
      const dashboard = await startDevnetDashboard({
        host: options.host,
        dashboardPort: options.dashboardPort,
        agentPort: options.agentPort,
        quiet: options.json,
        rpcUrl: stack.chain.url,
        deployment: stack.chain.deployment,
        workers: stack.workers,
        facilitatorUrl: stack.facilitator.url,
      }).catch(async (error: unknown) => {
        await stack.stop();
        throw error;
      });
      const accounts = devnetAccounts({ count: DEVNET_ROLES.length });
      // The price each worker announces (GET /v1/models): what a requester reads, whatever set it.
      const workers = await Promise.all(
        stack.workers.map(async (worker, index) => {
          const models = await getWorkerModels({ workerUrl: worker.url }).catch(() => []);
          const price = models.find((m) => m.name === "risk-v1")?.minPrice ?? worker.minPrice ?? null;
          return {
            worker: index,
            url: worker.url,
            agentId: worker.agentId.toString(),
            wallet: worker.account,
            accountIndex: devnetWorkerIndex({ worker: index }),
            price,
          };
        }),
      );
      const data = {
        rpcUrl: stack.chain.url,
        workerUrl: stack.worker.url,
        dashboardUrl: dashboard.dashboardUrl,
        agentUrl: dashboard.agentUrl,
        chainId: DEVNET_CHAIN_ID,
        deployment: `${deploymentsDir}/${DEVNET_CHAIN_ID}.json`,
        contracts: stack.chain.deployment.contracts,
        model: { name: "risk-v1", modelId: stack.model.modelId.toString(), verifier: stack.model.verifier },
        worker: { agentId: stack.worker.agentId.toString(), wallet: stack.worker.account },
        workers,
        facilitatorUrl: stack.facilitator.url,
        x402Price: stack.facilitator.x402Price,
        accounts: DEVNET_ROLES.map(({ index, role, settings }) => ({
          index,
          address: accounts[index]!.address,
          role,
          settings,
        })),
      };
      printResult({
        json: options.json,
        data,
        human: (d) =>
          [
            "",
            d.workers.length === 1
              ? `Devnet ready. Chain ${d.rpcUrl} (id ${d.chainId}); worker ${d.workerUrl} (ERC-8004 agent ${d.worker.agentId}, ${d.workers[0]!.price ?? "?"} USDC a job).`
              : `Devnet ready. Chain ${d.rpcUrl} (id ${d.chainId}); ${d.workers.length} workers:`,
            ...(d.workers.length === 1
              ? []
              : d.workers.map(
                  (w) =>
                    `  worker ${w.worker}  ${w.url}  ERC-8004 agent ${w.agentId}  ${w.price ?? "?"} USDC a job  wallet #${w.accountIndex} ${w.wallet}`,
                )),
            `x402: quick unproven answers at ${d.x402Price} USDC a call (POST <worker>/v1/inference), settled by the facilitator ${d.facilitatorUrl}`,
            `Dashboard: ${d.dashboardUrl}`,
            `Agent endpoint: ${d.agentUrl} (the dashboard's intent console; account #1's policy applies)`,
            `Deployment record: ${d.deployment}`,
            ...Object.entries(d.contracts).map(([name, address]) => `  ${name.padEnd(20)} ${address}`),
            `  ${"risk-v1 verifier".padEnd(20)} ${d.model.verifier} (model ${d.model.modelId})`,
            "",
            `Accounts (mnemonic "${DEVNET_MNEMONIC}"; public devnet keys, 10,000 ETH and 100,000 USDC each):`,
            ...devnetRoleLines(),
            ...(d.workers.length === 1
              ? []
              : [
                  "Worker accounts (10,000 ETH each for gas; paid by the jobs they prove):",
                  ...d.workers.map(
                    (w) =>
                      `  #${w.accountIndex} ${w.wallet}  worker ${w.worker}${w.worker === 0 ? " (the worker role)" : ""}`,
                  ),
                ]),
            "",
            "Try, in another terminal:",
            ...(d.workers.length === 1
              ? [`  export CONVERGENCE_RPC_URL=${d.rpcUrl} CONVERGENCE_WORKER_URL=${d.workerUrl}`]
              : [
                  `  export CONVERGENCE_RPC_URL=${d.rpcUrl}   # no CONVERGENCE_WORKER_URL: requesters choose among the workers`,
                  "  pnpm -s convergence workers list --model risk-v1",
                ]),
            '  pnpm agent "Get a verified risk score for WETH/USDC paying at most 2 USDC, and if the risk is low swap 100 USDC for WETH" --yes',
            "  pnpm -s convergence job open --input '[0.5,-1.2,0.3,0,0.1,0,1,-0.5]' --pay 2 --json",
            "Stop everything with Ctrl-C.",
          ].join("\n"),
      });
      let stopping = false;
      const shutdown = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        if (!options.json) process.stderr.write(`\n${signal}: stopping the workers and the node...\n`);
        await dashboard.close();
        await stack.stop();
        process.exit(0);
      };
      process.once("SIGINT", () => void shutdown("SIGINT"));
      process.once("SIGTERM", () => void shutdown("SIGTERM"));
      // Any child ending on its own ends the devnet: a half-running stack would only confuse.
      await Promise.race([
        new Promise((resolve) => stack.chain.node.process.once("exit", resolve)),
        ...stack.workers.map((worker) => worker.exited),
      ]);
      if (stopping) return;
      process.stderr.write("The node or a worker stopped unexpectedly; stopping the rest.\n");
      await dashboard.close();
      await stack.stop();
      process.exitCode = 1;
    });
}
