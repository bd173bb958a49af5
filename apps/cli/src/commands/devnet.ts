import { dirname } from "node:path";
import { DEVNET_CHAIN_ID, DEVNET_MNEMONIC, DEVNET_ROLES, deploymentPath, devnetAccounts } from "@convergence/contracts";
import type { Command } from "commander";
import { devnetRoleLines } from "../chain/devnetRoleLines.ts";
import { DemoStepError } from "../demo/errors.ts";
import { startDevnetStack } from "../demo/startDevnetStack.ts";
import { parsePort } from "../options.ts";
import { printResult } from "../output.ts";
import { runStep } from "../progress.ts";

type DevnetOptions = { host: string; port: number; workerPort: number; market: boolean; json?: boolean };

/**
 * `convergence devnet`: the chain, the deployment (deployments/31337.json, or CONVERGENCE_DEPLOYMENTS_DIR) and the
 * worker in one long-running command for hacking. Prints the URLs, the contracts and the accounts; Ctrl-C stops it all.
 */
export function registerDevnetCommand(program: Command): void {
  program
    .command("devnet")
    .description(
      "Run a local chain with the stack deployed, risk-v1 registered and the worker serving it, until Ctrl-C.",
    )
    .option("--host <host>", "interface the node and the worker listen on", "127.0.0.1")
    .option("--port <port>", "chain port (0 = any free port)", parsePort, 8545)
    .option("--worker-port <port>", "worker port (0 = any free port)", parsePort, 8080)
    .option("--no-market", "leave the pool without its day of trading (the risk model then reads an idle pool)")
    .option("--json", "print the ready state as one JSON line")
    .action(async (options: DevnetOptions) => {
      const deploymentsDir = dirname(deploymentPath({ chainId: DEVNET_CHAIN_ID }));
      const stack = await startDevnetStack({
        host: options.host,
        port: options.port,
        workerPort: options.workerPort,
        deploymentsDir,
        market: options.market,
        stage: async (title, run) => {
          try {
            return await runStep({ title, quiet: options.json, run: (step) => run((m) => step.update(m)) });
          } catch (cause) {
            throw new DemoStepError({ step: title, cause });
          }
        },
      });
      const accounts = devnetAccounts({ count: DEVNET_ROLES.length });
      const data = {
        rpcUrl: stack.chain.url,
        workerUrl: stack.worker.url,
        chainId: DEVNET_CHAIN_ID,
        deployment: `${deploymentsDir}/${DEVNET_CHAIN_ID}.json`,
        contracts: stack.chain.deployment.contracts,
        model: { name: "risk-v1", modelId: stack.model.modelId.toString(), verifier: stack.model.verifier },
        worker: { agentId: stack.worker.agentId.toString(), wallet: stack.worker.account },
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
            `Devnet ready. Chain ${d.rpcUrl} (id ${d.chainId}); worker ${d.workerUrl} (ERC-8004 agent ${d.worker.agentId}).`,
            `Deployment record: ${d.deployment}`,
            ...Object.entries(d.contracts).map(([name, address]) => `  ${name.padEnd(20)} ${address}`),
            `  ${"risk-v1 verifier".padEnd(20)} ${d.model.verifier} (model ${d.model.modelId})`,
            "",
            `Accounts (mnemonic "${DEVNET_MNEMONIC}"; public devnet keys, 10,000 ETH and 100,000 USDC each):`,
            ...devnetRoleLines(),
            "",
            "Try, in another terminal:",
            `  export CONVERGENCE_RPC_URL=${d.rpcUrl} CONVERGENCE_WORKER_URL=${d.workerUrl}`,
            '  pnpm agent "Get a verified risk score for WETH/USDC paying at most 2 USDC, and if the risk is low swap 100 USDC for WETH" --yes',
            "  pnpm -s convergence job open --input '[0.5,-1.2,0.3,0,0.1,0,1,-0.5]' --pay 2 --json",
            "Stop everything with Ctrl-C.",
          ].join("\n"),
      });
      let stopping = false;
      const shutdown = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        if (!options.json) process.stderr.write(`\n${signal}: stopping the worker and the node...\n`);
        await stack.stop();
        process.exit(0);
      };
      process.once("SIGINT", () => void shutdown("SIGINT"));
      process.once("SIGTERM", () => void shutdown("SIGTERM"));
      // Either child ending on its own ends the devnet: a half-running stack would only confuse.
      await Promise.race([
        new Promise((resolve) => stack.chain.node.process.once("exit", resolve)),
        stack.worker.exited,
      ]);
      if (stopping) return;
      process.stderr.write("The node or the worker stopped unexpectedly; stopping the rest.\n");
      await stack.stop();
      process.exitCode = 1;
    });
}
