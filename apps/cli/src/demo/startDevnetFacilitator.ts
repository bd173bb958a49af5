import { DEVNET_CHAIN_ID, devnetRoleAccount } from "@convergence/contracts";
import { type StartFacilitatorReturnType, startFacilitator } from "@convergence/facilitator";
import type { Address } from "viem";

/** USDC one quick, unproven answer costs on the devnet and in the demo, so x402 is on by default (WORKER_X402_PRICE). */
export const DEVNET_X402_PRICE = "0.01";

export type StartDevnetFacilitatorParameters = {
  rpcUrl: string;
  /** The devnet's USDC: the only token it settles (anyone who reaches it could otherwise spend its gas on theirs). */
  usdc: Address;
  host?: string;
  /** 0 = any free port. */
  port?: number;
};

export type StartDevnetFacilitatorReturnType = StartFacilitatorReturnType & {
  /** The worker settings that point a devnet worker at it with the devnet price. */
  workerEnv: { WORKER_X402_PRICE: string; WORKER_FACILITATOR_URL: string };
};

/**
 * The devnet's x402 facilitator, in this process, settling from the devnet role `facilitator` (#6), and the worker
 * settings that sell quick answers through it at DEVNET_X402_PRICE.
 *
 * @example
 * const facilitator = await startDevnetFacilitator({ rpcUrl: chain.url, usdc, port: 0 });
 * await launchDevnetWorkers({ ..., env: facilitator.workerEnv });
 */
export async function startDevnetFacilitator({
  rpcUrl,
  usdc,
  host = "127.0.0.1",
  port = 0,
}: StartDevnetFacilitatorParameters): Promise<StartDevnetFacilitatorReturnType> {
  const facilitator = await startFacilitator({
    rpcUrl,
    chainId: DEVNET_CHAIN_ID,
    account: devnetRoleAccount({ role: "facilitator" }),
    assets: [usdc],
    host,
    port,
  });
  return Object.assign(facilitator, {
    workerEnv: { WORKER_X402_PRICE: DEVNET_X402_PRICE, WORKER_FACILITATOR_URL: facilitator.url },
  });
}
