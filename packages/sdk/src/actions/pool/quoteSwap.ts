import { poolAbi } from "@convergence/contracts";
import type { Address } from "viem";
import type { ReadClient } from "../../client/types.ts";

export type QuoteSwapParameters = { client: ReadClient; pool: Address; tokenIn: Address; amountIn: bigint };

/**
 * What an exact-in swap would return now, after the pool's 0.3% fee.
 *
 * @example
 * const amountOut = await quoteSwap({ client, pool, tokenIn: usdc, amountIn: 100_000_000n });
 */
export async function quoteSwap({ client, pool, tokenIn, amountIn }: QuoteSwapParameters): Promise<bigint> {
  return client.readContract({ address: pool, abi: poolAbi, functionName: "getAmountOut", args: [tokenIn, amountIn] });
}
