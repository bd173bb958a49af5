import hre from "hardhat";
import { getAddress, maxUint256, parseEther, parseEventLogs, parseUnits } from "viem";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * Flow: seed a WETH/USDC pool, quote, swap both ways with a slippage bound, then withdraw the position.
 * Runs on Hardhat's in-process chain.
 */
describe("Pool flow (WETH/USDC)", () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    ctx = await setup();
  });

  async function setup() {
    const { viem } = await hre.network.connect();
    const publicClient = await viem.getPublicClient();
    const [deployer, lp, trader] = await viem.getWalletClients();
    if (!deployer || !lp || !trader) throw new Error("expected three Hardhat accounts");
    const weth = await viem.deployContract("WETH");
    const usdc = await viem.deployContract("USDC", [deployer.account.address]);
    const pool = await viem.deployContract("Pool", [weth.address, usdc.address]);
    for (const wallet of [lp, trader]) {
      await usdc.write.mint([wallet.account.address, parseUnits("1000000", 6)]);
      await weth.write.deposit({ account: wallet.account, value: parseEther("200") });
      await weth.write.approve([pool.address, maxUint256], { account: wallet.account });
      await usdc.write.approve([pool.address, maxUint256], { account: wallet.account });
    }
    const wethIsToken0 = (await pool.read.token0()).toLowerCase() === weth.address.toLowerCase();
    const deadline = async () => (await publicClient.getBlock()).timestamp + 600n;
    return { publicClient, lp, trader, weth, usdc, pool, wethIsToken0, deadline };
  }

  it("adds liquidity at the chosen price and locks the minimum", async () => {
    const { lp, pool, wethIsToken0, deadline } = ctx;
    const wethIn = parseEther("100");
    const usdcIn = parseUnits("300000", 6);
    const [a0, a1] = wethIsToken0 ? [wethIn, usdcIn] : [usdcIn, wethIn];
    await pool.write.addLiquidity([a0, a1, a0, a1, lp.account.address, await deadline()], { account: lp.account });

    const [r0, r1] = await pool.read.getReserves();
    expect([r0, r1]).toEqual([a0, a1]);
    const minimum = await pool.read.MINIMUM_LIQUIDITY();
    expect(await pool.read.balanceOf(["0x000000000000000000000000000000000000dEaD"])).toBe(minimum);
    expect(await pool.read.balanceOf([lp.account.address])).toBe((await pool.read.totalSupply()) - minimum);
  });

  it("swaps WETH for USDC at the quoted amount, refusing a worse price", async () => {
    const { trader, weth, usdc, pool, deadline } = ctx;
    const amountIn = parseEther("1");
    const quote = await pool.read.getAmountOut([weth.address, amountIn]);
    // ~3,000 USDC minus the 0.3% fee and ~1% price impact.
    expect(quote).toBeGreaterThan(parseUnits("2950", 6));
    expect(quote).toBeLessThan(parseUnits("2991", 6));

    await expect(
      pool.write.swapExactIn([weth.address, amountIn, quote + 1n, trader.account.address, await deadline()], {
        account: trader.account,
      }),
    ).rejects.toThrow(/PoolInsufficientOutputAmount/);

    const before = await usdc.read.balanceOf([trader.account.address]);
    await pool.write.swapExactIn([weth.address, amountIn, quote, trader.account.address, await deadline()], {
      account: trader.account,
    });
    expect((await usdc.read.balanceOf([trader.account.address])) - before).toBe(quote);
  });

  it("swaps USDC back for WETH and emits Swapped", async () => {
    const { publicClient, trader, weth, usdc, pool, deadline } = ctx;
    const amountIn = parseUnits("3000", 6);
    const quote = await pool.read.getAmountOut([usdc.address, amountIn]);
    const wethBefore = await weth.read.balanceOf([trader.account.address]);
    const hash = await pool.write.swapExactIn(
      [usdc.address, amountIn, (quote * 99n) / 100n, trader.account.address, await deadline()],
      { account: trader.account },
    );
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    const [event] = parseEventLogs({ abi: pool.abi, logs: receipt.logs, eventName: "Swapped" });
    expect(event?.args).toMatchObject({ tokenIn: getAddress(usdc.address), amountIn, amountOut: quote });
    expect((await weth.read.balanceOf([trader.account.address])) - wethBefore).toBe(quote);
  });

  it("rejects an expired deadline", async () => {
    const { trader, weth, pool, publicClient } = ctx;
    const past = (await publicClient.getBlock()).timestamp - 1n;
    await expect(
      pool.write.swapExactIn([weth.address, parseEther("1"), 0n, trader.account.address, past], {
        account: trader.account,
      }),
    ).rejects.toThrow(/PoolDeadlineExpired/);
  });

  it("removes the whole position and pays out both tokens with the fees earned", async () => {
    const { lp, weth, usdc, pool, deadline } = ctx;
    const liquidity = await pool.read.balanceOf([lp.account.address]);
    const supply = await pool.read.totalSupply();
    const [r0, r1] = await pool.read.getReserves();
    // The fees of the two swaps stayed in the pool: k grew past the seed's.
    expect(r0 * r1).toBeGreaterThan(parseEther("100") * parseUnits("300000", 6));
    const [wethBefore, usdcBefore] = await Promise.all([
      weth.read.balanceOf([lp.account.address]),
      usdc.read.balanceOf([lp.account.address]),
    ]);
    await pool.write.removeLiquidity([liquidity, 0n, 0n, lp.account.address, await deadline()], {
      account: lp.account,
    });
    expect(await pool.read.balanceOf([lp.account.address])).toBe(0n);
    const wethOut = (await weth.read.balanceOf([lp.account.address])) - wethBefore;
    const usdcOut = (await usdc.read.balanceOf([lp.account.address])) - usdcBefore;
    const [expected0, expected1] = [(liquidity * r0) / supply, (liquidity * r1) / supply];
    const { wethIsToken0 } = ctx;
    expect([wethOut, usdcOut]).toEqual(wethIsToken0 ? [expected0, expected1] : [expected1, expected0]);
  });
});
