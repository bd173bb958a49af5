import { DEVNET_CHAIN_ID, DEVNET_ROLES, devnetAccounts, writeDeployment } from "@convergence/contracts";
import { deployStack } from "@convergence/devnet";
import type { Command } from "commander";
import { formatEther, formatUnits, parseEther, parseUnits } from "viem";
import { connect } from "../chain/connect.ts";
import { deployerAccount } from "../chain/deployerAccount.ts";
import { InvalidArgumentError, SettingError } from "../errors.ts";
import { rpcUrlFrom } from "../options.ts";
import { printResult } from "../output.ts";
import { runStep } from "../progress.ts";

type DeployOptions = { rpc?: string; chainId?: number; json?: boolean; seedWeth: string; seedUsdc: string };

// The pool keeps its reserves as uint112, as Uniswap V2 does: a seed beyond that reverts half-way through the deploy.
const MAX_RESERVE = 2n ** 112n - 1n;

/** A seed amount: exact (never through Number(), which reads 400 digits as Infinity), positive, fits a reserve. */
const decimal = (argument: string, decimals: number) => (value: string) => {
  const fits = /^\d+(\.\d+)?$/.test(value) && (value.split(".")[1]?.length ?? 0) <= decimals;
  const units = fits ? parseUnits(value, decimals) : 0n;
  if (units === 0n || units > MAX_RESERVE)
    throw new InvalidArgumentError({
      argument,
      value,
      expected: `a positive amount with at most ${decimals} decimals and at most ${formatUnits(MAX_RESERVE, decimals)} (a pool reserve is a uint112), such as 100 or 0.5`,
    });
  return value;
};

function parseChainId(value: string): number {
  if (!/^\d{1,15}$/.test(value) || Number(value) === 0)
    throw new InvalidArgumentError({
      argument: "--chain-id",
      value,
      expected: "a positive integer chain id such as 31337",
    });
  return Number(value);
}

/** `convergence deploy`: deploys the stack to a chain and writes deployments/<chainId>.json. */
export function registerDeployCommand(program: Command): void {
  program
    .command("deploy")
    .description("Deploy the contracts, mint devnet USDC, seed the WETH/USDC pool, write deployments/<chainId>.json.")
    .option("--rpc <url>", "JSON-RPC URL (default CONVERGENCE_RPC_URL or http://127.0.0.1:8545)")
    .option("--chain-id <id>", "refuse to deploy unless the RPC serves this chain id", parseChainId)
    .option("--seed-weth <amount>", "WETH the deployer wraps into the pool", decimal("--seed-weth", 18), "100")
    .option("--seed-usdc <amount>", "USDC minted into the pool", decimal("--seed-usdc", 6), "300000")
    .option("--json", "print the deployment record as JSON")
    .action(async (options: DeployOptions) => {
      const rpcUrl = rpcUrlFrom(options.rpc);
      const { chainId } = await connect({ rpcUrl });
      if (options.chainId !== undefined && options.chainId !== chainId) {
        throw new SettingError({
          setting: "--rpc",
          problem: `${rpcUrl} serves chain ${chainId}, but --chain-id asks for ${options.chainId}.`,
          fix: "Point --rpc (or CONVERGENCE_RPC_URL) at the chain you meant, or fix --chain-id.",
        });
      }
      const account = deployerAccount({ chainId });
      const { walletClient, publicClient } = await connect({ rpcUrl, account });
      const needed = parseEther(options.seedWeth) + parseEther("0.05");
      const balance = await publicClient.getBalance({ address: account.address });
      if (balance < needed) {
        throw new SettingError({
          setting: "DEPLOYER_PRIVATE_KEY",
          problem: `${account.address} holds ${formatEther(balance)} ETH on chain ${chainId}; deploying and seeding needs about ${formatEther(needed)} ETH.`,
          fix: "Fund that account, or seed a smaller pool with --seed-weth and --seed-usdc.",
        });
      }
      // On the devnet every role's account gets USDC (DEVNET_ROLES: deployer, agent, worker, publisher, market).
      const fund =
        chainId === DEVNET_CHAIN_ID
          ? devnetAccounts({ count: DEVNET_ROLES.length }).map((a) => a.address)
          : [account.address];
      const deployment = await runStep({
        title: `Deploying to chain ${chainId} at ${rpcUrl}`,
        quiet: options.json,
        run: (step) =>
          deployStack({
            client: walletClient!,
            fund,
            seed: { weth: options.seedWeth, usdc: options.seedUsdc },
            onProgress: (message) => step.update(message),
          }),
      });
      const path = writeDeployment({ deployment });
      printResult({
        json: options.json,
        data: deployment,
        human: (d) =>
          [
            `Deployed to chain ${d.chainId}; record written to ${path}`,
            ...Object.entries(d.contracts).map(([name, address]) => `  ${name.padEnd(14)} ${address}`),
            "",
            "Next: pnpm convergence did resolve did:ethr:0x7a69:<address> --json",
          ].join("\n"),
      });
    });
}
