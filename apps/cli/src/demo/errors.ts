import { DEVNET_CHAIN_ID } from "@convergence/contracts";
import { CliError } from "../errors.ts";

/** A step of `convergence demo` or `convergence devnet` failed: names the step and what to try. */
export class DemoStepError extends CliError {
  override name = "DemoStepError";
  readonly step: string;
  constructor({ step, cause }: { step: string; cause: unknown }) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Demo step "${step}" failed: ${reason}`, {
      cause,
      metaMessages: [
        "Run `pnpm convergence doctor` to check the toolchain, the zk cache and the chain; CONVERGENCE_DEBUG=1 prints the stack.",
      ],
    });
    this.step = step;
  }
}

/**
 * The demo's market simulation was pointed at a chain other than the local devnet: it moves the chain's clock with the
 * node's time-travel method, which only a local development node has, and signs with the public devnet keys.
 */
export class MarketSimulationNotDevnetError extends CliError {
  override name = "MarketSimulationNotDevnetError";
  readonly chainId: number;
  constructor({ rpcUrl, chainId }: { rpcUrl: string; chainId: number }) {
    super(
      `The market simulation runs only on the local devnet (chain ${DEVNET_CHAIN_ID}); ${rpcUrl} serves chain ${chainId}.`,
      {
        metaMessages: [
          "It moves the chain's clock with a development node's time-travel method to leave a day of swaps in the pool, and signs with the public devnet keys: neither exists on another chain.",
          "Run the demo on the local devnet (`pnpm demo`), or on another chain skip the simulation and let the pool's real trades make its history (docs/guides/public-testnet.md).",
        ],
      },
    );
    this.chainId = chainId;
  }
}
