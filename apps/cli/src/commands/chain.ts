import { DEVNET_MNEMONIC } from "@convergence/contracts";
import { startNode } from "@convergence/devnet";
import type { Command } from "commander";
import { devnetRoleLines } from "../chain/devnetRoleLines.ts";
import { parsePort } from "../options.ts";

/** `convergence chain`: a local Hardhat node with the standard deterministic accounts. */
export function registerChainCommand(program: Command): void {
  program
    .command("chain")
    .description("Start a local Hardhat node (chain id 31337) with the standard deterministic accounts.")
    .option("--host <host>", "interface to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on (0 = any free port)", parsePort, 8545)
    .action(async (options: { host: string; port: number }) => {
      const node = await startNode({ host: options.host, port: options.port });
      process.stdout.write(
        [
          `Hardhat node listening at ${node.url} (chain id 31337).`,
          "",
          `Accounts (mnemonic "${DEVNET_MNEMONIC}", 10,000 ETH each; public keys, devnet only) and their roles:`,
          ...devnetRoleLines(),
          "",
          "Next: pnpm convergence deploy",
          "Stop with Ctrl-C.",
          "",
        ].join("\n"),
      );
      const shutdown = async () => {
        await node.stop();
        process.exit(0);
      };
      process.once("SIGINT", shutdown);
      process.once("SIGTERM", shutdown);
      await new Promise<void>((resolve) => node.process.once("exit", () => resolve()));
      process.exitCode = node.process.exitCode ?? 1;
    });
}
