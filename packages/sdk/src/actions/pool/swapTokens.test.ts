import { parseUnits } from "viem";
import { describe, expect, it } from "vitest";
import { testContext } from "../../../test/context.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { quoteSwap } from "./quoteSwap.ts";
import { swapTokens } from "./swapTokens.ts";

describe("quoteSwap + swapTokens", () => {
  const { deployment, publicClient, wallet } = testContext();
  const { Pool: pool, USDC: usdc, WETH: weth } = deployment.contracts;
  const client = wallet(1);

  it("quotes about 1/3000 WETH per USDC after the 0.3% fee, and the swap pays the quote", async () => {
    const amountIn = parseUnits("100", 6);
    const quoted = await quoteSwap({ client: publicClient, pool, tokenIn: usdc, amountIn });
    // 100 USDC at 3,000 USDC/WETH is 0.0333 WETH before fee and price impact.
    expect(quoted).toBeGreaterThan(parseUnits("0.0330", 18));
    expect(quoted).toBeLessThan(parseUnits("0.0333", 18));
    const result = await swapTokens({ client, pool, tokenIn: usdc, amountIn, maxSlippageBps: 100 });
    expect(result.amountOut).toBe(quoted);
    expect(result.minAmountOut).toBe((quoted * 9_900n) / 10_000n);
    expect(result.approveHash).toBeDefined();
  });

  it("validates amount and slippage before sending", async () => {
    await expect(swapTokens({ client, pool, tokenIn: usdc, amountIn: 0n })).rejects.toBeInstanceOf(
      InvalidParameterError,
    );
    await expect(swapTokens({ client, pool, tokenIn: usdc, amountIn: 1n, maxSlippageBps: 20_000 })).rejects.toThrow(
      /maxSlippageBps/,
    );
  });

  it("names the pool's custom error for a token it does not hold", async () => {
    await expect(quoteSwap({ client: publicClient, pool, tokenIn: pool, amountIn: 1n })).rejects.toThrow(
      /PoolUnknownToken/,
    );
    expect(weth).not.toBe(usdc);
  });
});
