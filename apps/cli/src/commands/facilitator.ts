import { DeploymentNotFoundError, readDeployment } from "@convergence/contracts";
import { startFacilitator } from "@convergence/facilitator";
import type { Command } from "commander";
import type { Address } from "viem";
import { connect } from "../chain/connect.ts";
import { facilitatorAccount } from "../chain/facilitatorAccount.ts";
import { InvalidArgumentError } from "../errors.ts";
import { parsePort, parseRpcUrl, rpcUrlFrom } from "../options.ts";

/** Where `convergence facilitator` listens by default (x402's examples use 4022). */
export const DEFAULT_FACILITATOR_PORT = 4022;

/** --rpc-url's value, named as this command spells the option. */
function parseRpcUrlOption(value: string): string {
  try {
    return parseRpcUrl(value);
  } catch {
    throw new InvalidArgumentError({
      argument: "--rpc-url",
      value,
      expected: "an http(s):// or ws(s):// JSON-RPC URL such as http://127.0.0.1:8545",
    });
  }
}

/** `convergence facilitator`: a local x402 v2 facilitator (verify, settle) for the chain at --rpc-url. */
export function registerFacilitatorCommand(program: Command): void {
  program
    .command("facilitator")
    .description(
      "Run an x402 v2 facilitator (POST /verify, POST /settle, GET /supported; exact scheme, EIP-3009) for the chain: workers settle paid calls through it (WORKER_FACILITATOR_URL).",
    )
    .option("--host <host>", "interface to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on (0 = any free port)", parsePort, DEFAULT_FACILITATOR_PORT)
    .option("--rpc-url <url>", "JSON-RPC URL (default CONVERGENCE_RPC_URL or http://127.0.0.1:8545)", parseRpcUrlOption)
    .action(async (options: { host: string; port: number; rpcUrl?: string }) => {
      const rpcUrl = rpcUrlFrom(options.rpcUrl);
      const { chainId } = await connect({ rpcUrl });
      const account = facilitatorAccount({ chainId });
      // The stack's USDC only, when the stack is deployed on this chain: whoever reaches the facilitator chooses the
      // token, and any other would be a contract of theirs called on the facilitator's gas.
      let usdc: Address | undefined;
      try {
        usdc = readDeployment({ chainId }).contracts.USDC;
      } catch (error) {
        if (!(error instanceof DeploymentNotFoundError)) throw error;
      }
      const facilitator = await startFacilitator({
        rpcUrl,
        chainId,
        account,
        ...(usdc === undefined ? {} : { assets: [usdc] }),
        host: options.host,
        port: options.port,
      });
      process.stdout.write(
        [
          `x402 facilitator listening at ${facilitator.url} (exact scheme on ${facilitator.network}).`,
          `Settles from ${account.address} (FACILITATOR_PRIVATE_KEY), which pays the gas.`,
          usdc === undefined
            ? "Settles any EIP-3009 token (no Convergence deployment on this chain): keep it on a private interface."
            : `Settles payments in ${usdc} (the stack's USDC) only.`,
          `Point a worker at it: WORKER_FACILITATOR_URL=${facilitator.url} WORKER_X402_PRICE=0.01 pnpm worker`,
          "Stop with Ctrl-C.",
          "",
        ].join("\n"),
      );
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await facilitator.close();
    });
}
