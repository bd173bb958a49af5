import { poolAbi } from "@convergence/contracts";
import type { RawMarketState } from "@convergence/models";
import type { ReadClient } from "@convergence/sdk";
import { type Address, formatUnits, isAddressEqual } from "viem";

export type ReadMarketStateParameters = {
  client: ReadClient;
  contracts: { Pool: Address; WETH: Address; USDC: Address };
  /** The USDC size of the trade whose price impact is assessed (default REFERENCE_TRADE_USDC). */
  tradeSizeUsdc?: number;
  /** How far back to scan Swapped and LP Transfer events, in blocks (default 50,000). */
  lookbackBlocks?: bigint;
};

export type ReadMarketStateReturnType = RawMarketState & {
  /** The block the snapshot was read at, and its timestamp (unix seconds). */
  blockNumber: bigint;
  timestamp: bigint;
};

/** The trade size whose price impact risk-v1 is asked about when none is given: 1,000 USDC. */
export const REFERENCE_TRADE_USDC = 1000;

const DAY = 86_400n;
const HOUR = 3_600n;

/**
 * A snapshot of the WETH/USDC pool for risk-v1, from chain state only: reserves (`getReserves`), the
 * pool's `Swapped` events of the last 24 h (by block timestamp) with the pool price after each swap
 * block (reserves read at that block), and the LP token's holders (its `Transfer` events).
 *
 * - hourlyVolatility: population standard deviation of the 24 hourly log returns of the pool price
 *   (USDC per WETH) over the last 24 h; the price at each hour mark is the last one set by a swap, and
 *   before the first swap of the window it is the price just before that swap.
 * - priceChange1h / priceChange24h: price now over the price at that mark, minus 1.
 * - volume24hUsdc: the USDC side of every swap in the window; swapCount24h: their number.
 * - topLpShare: the largest LP balance over the LP token's total supply.
 *
 * @example
 * const market = await readMarketState({ client, contracts: deployment.contracts });
 * const features = buildRiskFeatures({ market });
 */
export async function readMarketState({
  client,
  contracts,
  tradeSizeUsdc = REFERENCE_TRADE_USDC,
  lookbackBlocks = 50_000n,
}: ReadMarketStateParameters): Promise<ReadMarketStateReturnType> {
  const head = await client.getBlock();
  const blockNumber = head.number;
  const now = head.timestamp;
  const fromBlock = blockNumber > lookbackBlocks ? blockNumber - lookbackBlocks : 0n;
  const pool = { address: contracts.Pool, abi: poolAbi } as const;
  const token0 = await client.readContract({ ...pool, functionName: "token0", blockNumber });
  const wethIs0 = isAddressEqual(token0, contracts.WETH);

  const reservesAt = async (at: bigint) => {
    const [r0, r1] = await client.readContract({ ...pool, functionName: "getReserves", blockNumber: at });
    const weth = Number(formatUnits(wethIs0 ? r0 : r1, 18));
    const usdc = Number(formatUnits(wethIs0 ? r1 : r0, 6));
    return { weth, usdc, price: weth > 0 ? usdc / weth : Number.NaN };
  };
  const current = await reservesAt(blockNumber);

  const swaps = await client.getContractEvents({
    ...pool,
    eventName: "Swapped",
    fromBlock,
    toBlock: blockNumber,
    strict: true,
  });
  // Newest first, stopping at the first block older than 24 h: timestamps only grow with block numbers.
  const blockTimes = new Map<bigint, bigint>();
  let recentFrom = swaps.length;
  for (let i = swaps.length - 1; i >= 0; i--) {
    const at = swaps[i]!.blockNumber;
    if (!blockTimes.has(at)) blockTimes.set(at, (await client.getBlock({ blockNumber: at })).timestamp);
    if (blockTimes.get(at)! + DAY < now) break;
    recentFrom = i;
  }
  const recent = swaps.slice(recentFrom);
  let volume24hUsdc = 0;
  for (const { args } of recent) {
    const usdcIn = isAddressEqual(args.tokenIn, contracts.USDC);
    volume24hUsdc += Number(formatUnits(usdcIn ? args.amountIn : args.amountOut, 6));
  }

  // The price path: the price before the window's first swap, then the price after each swap block.
  const path: { time: bigint; price: number }[] = [];
  const first = recent[0];
  const startPrice = first && first.blockNumber > 0n ? (await reservesAt(first.blockNumber - 1n)).price : current.price;
  for (const at of [...new Set(recent.map((log) => log.blockNumber))]) {
    path.push({ time: blockTimes.get(at)!, price: (await reservesAt(at)).price });
  }
  const priceAt = (time: bigint) => {
    let price = startPrice;
    for (const point of path) if (point.time <= time) price = point.price;
    return price;
  };
  const marks = Array.from({ length: 25 }, (_, h) => now - DAY + HOUR * BigInt(h));
  const prices = marks.map((mark, h) => (h === 24 ? current.price : priceAt(mark)));
  const returns = prices.slice(1).map((p, h) => Math.log(p / prices[h]!));
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
  const hourlyVolatility = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / returns.length);

  const transfers = await client.getContractEvents({
    ...pool,
    eventName: "Transfer",
    fromBlock,
    toBlock: blockNumber,
    strict: true,
  });
  const holders = [...new Set(transfers.map((log) => log.args.to))];
  const supply = await client.readContract({ ...pool, functionName: "totalSupply", blockNumber });
  let top = 0n;
  for (const holder of holders) {
    const balance = await client.readContract({ ...pool, functionName: "balanceOf", args: [holder], blockNumber });
    if (balance > top) top = balance;
  }

  return {
    reserveWeth: current.weth,
    reserveUsdc: current.usdc,
    tradeSizeUsdc,
    hourlyVolatility,
    volume24hUsdc,
    priceChange1h: current.price / priceAt(now - HOUR) - 1,
    priceChange24h: current.price / startPrice - 1,
    swapCount24h: recent.length,
    topLpShare: supply > 0n ? Number(top) / Number(supply) : 0,
    blockNumber,
    timestamp: now,
  };
}
