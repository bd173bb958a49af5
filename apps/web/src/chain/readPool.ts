import { poolAbi, usdcAbi } from "@convergence/contracts";
import { type Address, formatUnits, type Hash, isAddressEqual, type PublicClient } from "viem";
import type { DashboardConfig } from "../config/dashboardConfig.ts";

/** One swap, with its direction and price in USDC per WETH. */
export type SwapRow = {
  blockNumber: bigint;
  transactionHash: Hash;
  logIndex: number;
  sender: Address;
  /** "buy": USDC in, WETH out; "sell": WETH in, USDC out. */
  side: "buy" | "sell";
  usdc: number;
  weth: number;
  price: number;
};

export type ReadPoolReturnType = {
  reserves: { usdc: number; weth: number };
  /** Marginal price, USDC per WETH (reserve ratio). */
  price: number;
  /** Oldest first. */
  swaps: SwapRow[];
};

/**
 * The pool's reserves and price now, and every swap since the configured start block (Swapped events), as USDC and WETH
 * amounts with each swap's price.
 *
 * @example
 * const { reserves, price, swaps } = await readPool({ client, config });
 */
export async function readPool({
  client,
  config,
}: {
  client: PublicClient;
  config: DashboardConfig;
}): Promise<ReadPoolReturnType | undefined> {
  const { Pool: pool, USDC: usdc } = config.contracts;
  if (!pool || !usdc) return undefined;
  const [token0, [reserve0, reserve1], logs, usdcDecimals] = await Promise.all([
    client.readContract({ address: pool, abi: poolAbi, functionName: "token0" }),
    client.readContract({ address: pool, abi: poolAbi, functionName: "getReserves" }),
    client.getContractEvents({
      address: pool,
      abi: poolAbi,
      eventName: "Swapped",
      strict: true,
      fromBlock: BigInt(config.fromBlock),
    }),
    client.readContract({ address: usdc, abi: usdcAbi, functionName: "decimals" }).catch(() => 6),
  ]);
  const usdcFirst = isAddressEqual(token0, usdc);
  const toUsdc = (v: bigint) => Number(formatUnits(v, usdcDecimals));
  const toWeth = (v: bigint) => Number(formatUnits(v, 18));
  const reserves = usdcFirst
    ? { usdc: toUsdc(reserve0), weth: toWeth(reserve1) }
    : { usdc: toUsdc(reserve1), weth: toWeth(reserve0) };
  const swaps = logs.map((log): SwapRow => {
    const buy = isAddressEqual(log.args.tokenIn, usdc);
    const usdcAmount = toUsdc(buy ? log.args.amountIn : log.args.amountOut);
    const wethAmount = toWeth(buy ? log.args.amountOut : log.args.amountIn);
    return {
      blockNumber: log.blockNumber,
      transactionHash: log.transactionHash,
      logIndex: log.logIndex,
      sender: log.args.sender,
      side: buy ? "buy" : "sell",
      usdc: usdcAmount,
      weth: wethAmount,
      price: wethAmount === 0 ? 0 : usdcAmount / wethAmount,
    };
  });
  return { reserves, price: reserves.weth === 0 ? 0 : reserves.usdc / reserves.weth, swaps };
}
