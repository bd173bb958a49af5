import { DEVNET_CHAIN_ID, DEVNET_ROLE_INDEX, type Deployment, devnetAccounts, poolAbi } from "@convergence/contracts";
import { createClients, swapTokens, wrapEth, writeContractAndWait } from "@convergence/sdk";
import { erc20Abi, maxUint256, parseEther, parseUnits } from "viem";
import { MarketSimulationNotDevnetError } from "./errors.ts";

export type SimulateMarketActivityParameters = {
  rpcUrl: string;
  deployment: Pick<Deployment, "contracts">;
  /** Swaps spread over the last 24 h (default 48, one every 30 minutes). */
  swaps?: number;
  onProgress?: (message: string) => void;
};

export type SimulateMarketActivityReturnType = { liquidityProviders: number; swaps: number; volumeUsdc: number };

const HALF_HOUR = 1_800;

/**
 * Gives the fresh devnet pool a day of history, so the risk model reads a market rather than an empty pool: devnet
 * accounts #4 and #5 (the market's own: not the publisher, #3) add liquidity next to the deployer's seed (no single LP owns the pool), then trade small amounts
 * back and forth every 30 minutes of chain time (`evm_increaseTime`), leaving 24 h of swaps, volume and a small
 * volatility. Every action is a real transaction; only the clock is moved.
 *
 * Devnet only, on purpose (issue #15: nothing else in the production paths uses a Hardhat-only RPC method). A day of
 * history needs a day of chain time, and only the local node's `evm_increaseTime` can give it in seconds; ordinary
 * transactions cannot move a public chain's clock, and 48 swaps with real 30-minute gaps would take a day. So the
 * chain is checked first: anything but the local devnet (chain 31337) is refused with
 * `MarketSimulationNotDevnetError`, before a key is used or a transaction sent. On another chain the pool's history
 * is whatever its real traders made (see docs/guides/public-testnet.md). test/anyChain/hardhatRpcScan.test.ts
 * allows this file, and only this file, for that reason.
 *
 * @example
 * await simulateMarketActivity({ rpcUrl, deployment });
 */
export async function simulateMarketActivity({
  rpcUrl,
  deployment,
  swaps = 48,
  onProgress,
}: SimulateMarketActivityParameters): Promise<SimulateMarketActivityReturnType> {
  const { Pool: pool, WETH: weth, USDC: usdc } = deployment.contracts;
  // eth_chainId asks the node, whatever chain the client was configured with.
  const { publicClient } = createClients({ rpcUrl, chainId: DEVNET_CHAIN_ID });
  const chainId = await publicClient.getChainId();
  if (chainId !== DEVNET_CHAIN_ID) throw new MarketSimulationNotDevnetError({ rpcUrl, chainId });
  const all = devnetAccounts({ count: Math.max(...DEVNET_ROLE_INDEX.market) + 1 });
  const traders = DEVNET_ROLE_INDEX.market.map((index) => all[index]!);
  const clients = traders.map((account) => createClients({ rpcUrl, chainId: DEVNET_CHAIN_ID, account }).walletClient!);
  const [token0] = [await clients[0]!.readContract({ address: pool, abi: poolAbi, functionName: "token0" })];
  const wethIs0 = token0.toLowerCase() === weth.toLowerCase();
  for (const client of clients) {
    const wethAmount = parseEther("30");
    const usdcAmount = parseUnits("90000", 6);
    await wrapEth({ client, weth, amount: parseEther("35") });
    for (const token of [weth, usdc]) {
      await writeContractAndWait({
        client,
        contract: token === weth ? "WETH" : "USDC",
        address: token,
        abi: erc20Abi,
        functionName: "approve",
        args: [pool, maxUint256],
      });
    }
    const { timestamp } = await client.getBlock();
    await writeContractAndWait({
      client,
      contract: "Pool",
      address: pool,
      abi: poolAbi,
      functionName: "addLiquidity",
      args: [
        wethIs0 ? wethAmount : usdcAmount,
        wethIs0 ? usdcAmount : wethAmount,
        0n,
        0n,
        client.account.address,
        timestamp + 300n,
      ],
    });
  }
  onProgress?.(
    `devnet accounts ${DEVNET_ROLE_INDEX.market.map((i) => `#${i}`).join(" and ")} added 30 WETH + 90000 USDC of liquidity each`,
  );
  let volumeUsdc = 0;
  for (let i = 0; i < swaps; i += 1) {
    const client = clients[Math.floor(i / 2) % clients.length]!;
    // The clock moves for the next block: mine one so swap deadlines (block time + ttl) start from the new time.
    await client.request({ method: "evm_increaseTime" as never, params: [HALF_HOUR] as never });
    await client.request({ method: "evm_mine" as never, params: [] as never });
    // Alternate directions with uneven sizes: the price wanders a little and comes back, as in a calm market.
    const usdcSize = 400 + ((i * 37) % 300);
    if (i % 2 === 0) {
      await swapTokens({ client, pool, tokenIn: usdc, amountIn: parseUnits(String(usdcSize), 6), maxSlippageBps: 100 });
    } else {
      await swapTokens({
        client,
        pool,
        tokenIn: weth,
        amountIn: parseEther((usdcSize / 3000).toFixed(6)),
        maxSlippageBps: 100,
      });
    }
    volumeUsdc += usdcSize;
    if ((i + 1) % 12 === 0)
      onProgress?.(`${i + 1} of ${swaps} swaps (${((i + 1) * HALF_HOUR) / 3600} h of chain time)`);
  }
  return { liquidityProviders: clients.length, swaps, volumeUsdc };
}
