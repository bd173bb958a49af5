import { describe, expect, it } from "vitest";
import { fakeContext } from "../../test/helpers/fakeContext.ts";
import { swapTokensTool } from "./swapTokens.ts";

describe("swap_tokens", () => {
  it("swaps with the policy's default slippage when none is named", async () => {
    const { context, sends } = fakeContext();
    const out = JSON.parse(
      await swapTokensTool({ context }).invoke({ tokenIn: "USDC", tokenOut: "WETH", amountIn: "100" }),
    );
    expect(out.amountOut).toBe("0.05");
    expect(sends()).toEqual([
      { action: "swapTokens", args: { tokenIn: "USDC", tokenOut: "WETH", amountIn: "100", maxSlippageBps: 50 } },
    ]);
  });
  it("is refused over the slippage ceiling and sends nothing", async () => {
    const { context, sends } = fakeContext();
    const out = await swapTokensTool({ context }).invoke({
      tokenIn: "USDC",
      tokenOut: "WETH",
      amountIn: "100",
      maxSlippageBps: 500,
    });
    expect(out).toMatch(/^Refused \(slippage-ceiling\): .*Nothing was sent\.$/);
    expect(sends()).toEqual([]);
  });
  it("sends ETH<->WETH to wrap/unwrap instead", async () => {
    const { context, sends } = fakeContext();
    expect(await swapTokensTool({ context }).invoke({ tokenIn: "ETH", tokenOut: "WETH", amountIn: "1" })).toMatch(
      /wrap_eth/,
    );
    expect(sends()).toEqual([]);
  });
});
