import { devnetAccounts, poolAbi, wethAbi } from "@convergence/contracts";
import { deployStack, type StartNodeReturnType, startNode } from "@convergence/devnet";
import { createClients, swapTokens } from "@convergence/sdk";
import { formatUnits, parseEther, parseUnits } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMarketState } from "./readMarketState.ts";

// On a live Hardhat node: the snapshot is read from real reserves, Swapped events and LP Transfer events.
let node: StartNodeReturnType;
let contracts: Awaited<ReturnType<typeof deployStack>>["contracts"];
const [deployer, trader] = devnetAccounts({ count: 2 });
const clients = () => createClients({ rpcUrl: node.url, chainId: 31337, account: trader! });

async function rpc(method: string, params: unknown[]) {
  const response = await fetch(node.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
}
const advance = async (seconds: number) => {
  await rpc("evm_increaseTime", [seconds]);
  await rpc("evm_mine", []);
};

beforeAll(async () => {
  node = await startNode({ port: 0 });
  const { walletClient } = createClients({ rpcUrl: node.url, chainId: 31337, account: deployer! });
  ({ contracts } = await deployStack({ client: walletClient!, fund: [trader!.address] }));
}, 180_000);
afterAll(() => node?.stop());

const price = async (blockNumber?: bigint) => {
  const { publicClient } = clients();
  const [r0, r1] = await publicClient.readContract({
    address: contracts.Pool,
    abi: poolAbi,
    functionName: "getReserves",
    ...(blockNumber === undefined ? {} : { blockNumber }),
  });
  const token0 = await publicClient.readContract({ address: contracts.Pool, abi: poolAbi, functionName: "token0" });
  const [weth, usdc] = token0.toLowerCase() === contracts.WETH.toLowerCase() ? [r0, r1] : [r1, r0];
  return Number(formatUnits(usdc, 6)) / Number(formatUnits(weth, 18));
};

describe("readMarketState", () => {
  it("reads the seeded pool: reserves, no trading, one LP holding almost everything", async () => {
    const market = await readMarketState({ client: clients().publicClient, contracts });
    expect(market).toMatchObject({
      reserveWeth: 100,
      reserveUsdc: 300_000,
      tradeSizeUsdc: 1000,
      hourlyVolatility: 0,
      volume24hUsdc: 0,
      priceChange1h: 0,
      priceChange24h: 0,
      swapCount24h: 0,
    });
    expect(market.topLpShare).toBeGreaterThan(0.999);
    expect(market.topLpShare).toBeLessThan(1);
  });

  it("counts the last 24 h of swaps, their USDC volume, hourly returns and price changes", async () => {
    const { publicClient, walletClient } = clients();
    const swap = (tokenIn: "USDC" | "WETH", amountIn: bigint) =>
      swapTokens({
        client: walletClient!,
        pool: contracts.Pool,
        tokenIn: tokenIn === "USDC" ? contracts.USDC : contracts.WETH,
        amountIn,
        maxSlippageBps: 100,
      });
    await swap("USDC", parseUnits("1000", 6));
    await advance(25 * 3600); // that swap leaves the window
    const p0 = await price();
    const a = await swap("USDC", parseUnits("3000", 6));
    const p1 = await price();
    await advance(2 * 3600);
    await walletClient!.writeContract({
      address: contracts.WETH,
      abi: wethAbi,
      functionName: "deposit",
      value: parseEther("0.5"),
    });
    const b = await swap("WETH", parseEther("0.5"));
    const p2 = await price();

    const market = await readMarketState({ client: publicClient, contracts, tradeSizeUsdc: 250 });
    expect(market.swapCount24h).toBe(2);
    expect(market.tradeSizeUsdc).toBe(250);
    expect(market.volume24hUsdc).toBeCloseTo(3000 + Number(formatUnits(b.amountOut, 6)), 6);
    expect(a.amountOut).toBeGreaterThan(0n);
    expect(market.priceChange24h).toBeCloseTo(p2 / p0 - 1, 12);
    expect(market.priceChange1h).toBeCloseTo(p2 / p1 - 1, 12);
    // 24 hourly returns: one of ln(p1/p0), one of ln(p2/p1), the rest 0 (population standard deviation).
    const returns = [Math.log(p1 / p0), Math.log(p2 / p1), ...Array(22).fill(0)];
    const mean = returns.reduce((x, y) => x + y, 0) / 24;
    const std = Math.sqrt(returns.reduce((x, r) => x + (r - mean) ** 2, 0) / 24);
    expect(market.hourlyVolatility).toBeCloseTo(std, 12);
    expect(market.reserveUsdc).toBeCloseTo(300_000 + 1000 + 3000 - Number(formatUnits(b.amountOut, 6)), 6);
  });
});
