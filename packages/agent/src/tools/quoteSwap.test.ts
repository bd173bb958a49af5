import { describe, expect, it } from "vitest";
import { fakeContext } from "../../test/helpers/fakeContext.ts";
import { quoteSwapTool } from "./quoteSwap.ts";

describe("quote_swap", () => {
  it("returns the quote with its inputs", async () => {
    const { context } = fakeContext();
    const out = await quoteSwapTool({ context }).invoke({ tokenIn: "USDC", tokenOut: "WETH", amountIn: "100" });
    expect(JSON.parse(out)).toEqual({ tokenIn: "USDC", tokenOut: "WETH", amountIn: "100", amountOut: "0.05" });
  });
  it("refuses the same token on both sides, as text", async () => {
    const { context, calls } = fakeContext();
    expect(await quoteSwapTool({ context }).invoke({ tokenIn: "USDC", tokenOut: "USDC", amountIn: "1" })).toMatch(
      /^Error: /,
    );
    expect(calls).toEqual([]);
  });
  it("rejects arguments outside the schema", async () => {
    const { context } = fakeContext();
    await expect(
      quoteSwapTool({ context }).invoke({ tokenIn: "DOGE", tokenOut: "USDC", amountIn: "1" } as never),
    ).rejects.toThrow();
  });
});
