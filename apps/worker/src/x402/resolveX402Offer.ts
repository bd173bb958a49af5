import { usdcAbi } from "@convergence/contracts";
import type { ReadClient } from "@convergence/sdk";
import type { Address } from "viem";
import type { WorkerConfig } from "../config/loadConfig.ts";
import { FacilitatorUnusableError } from "../errors/x402.ts";
import { checkFacilitator } from "./checkFacilitator.ts";
import type { X402Offer } from "./createPaymentGate.ts";

export type ResolveX402OfferParameters = {
  config: Pick<WorkerConfig, "x402Price" | "facilitatorUrl">;
  /** The served models' names. */
  models: string[];
  publicClient: ReadClient;
  /** The token the worker is paid in (the escrow's: the stack's USDC). */
  token: Address;
  /** The worker's account. */
  payTo: Address;
  chainId: number;
};

export type ResolveX402OfferReturnType = X402Offer | undefined;

/**
 * The worker's x402 offer from WORKER_X402_PRICE, or undefined when every served model is free. With a price, the
 * facilitator must be set and usable (checked now, naming WORKER_FACILITATOR_URL), and the token's EIP-712 domain is
 * read from the contract (`eip712Domain`, ERC-5267): the payer signs its EIP-3009 authorization against it.
 *
 * @example
 * const offer = await resolveX402Offer({ config, models: ["risk-v1"], publicClient, token, payTo, chainId: 31337 });
 */
export async function resolveX402Offer({
  config,
  models,
  publicClient,
  token,
  payTo,
  chainId,
}: ResolveX402OfferParameters): Promise<ResolveX402OfferReturnType> {
  const price = (model: string): bigint => config.x402Price.byModel[model] ?? config.x402Price.default;
  if (!models.some((model) => price(model) > 0n)) return undefined;
  const network = `eip155:${chainId}` as const;
  if (config.facilitatorUrl === undefined) {
    throw new FacilitatorUnusableError({ url: undefined, problem: "a paid request could never be settled" });
  }
  await checkFacilitator({ url: config.facilitatorUrl, network });
  const [, name, version] = await publicClient.readContract({
    address: token,
    abi: usdcAbi,
    functionName: "eip712Domain",
  });
  return { price, payTo, asset: token, eip712: { name, version }, network, facilitatorUrl: config.facilitatorUrl };
}
