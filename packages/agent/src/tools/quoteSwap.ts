import { tool } from "langchain";
import { z } from "zod";
import { runTool } from "./runTool.ts";
import { amountSchema, tokenSchema } from "./schemas.ts";
import type { AgentContext } from "./types.ts";

export const quoteSwapDefinition = {
  name: "quote_swap",
  description:
    "Quotes an exact-in swap on the WETH/USDC pool after its 0.3% fee (read-only, sends nothing). Inputs: tokenIn, tokenOut (ETH, WETH or USDC), amountIn in whole units. Use it to answer 'how much X would I get for Y'. Do not use it to execute a swap (use swap_tokens), and not for ETH<->WETH (that is wrap_eth / unwrap_eth, always 1:1).",
  schema: z.object({
    tokenIn: tokenSchema.describe("token given: ETH, WETH or USDC"),
    tokenOut: tokenSchema.describe("token received: ETH, WETH or USDC, different from tokenIn"),
    amountIn: amountSchema.describe('exact amount of tokenIn in whole units, a decimal string such as "100" or "0.5"'),
  }),
};

export type QuoteSwapToolParameters = { context: AgentContext };

/**
 * The `quote_swap` tool.
 *
 * @example
 * const quote = quoteSwapTool({ context });
 */
export function quoteSwapTool({ context }: QuoteSwapToolParameters) {
  return tool(
    (args) =>
      runTool(async () => {
        if (args.tokenIn === args.tokenOut) throw new Error(`tokenIn and tokenOut are both ${args.tokenIn}.`);
        const { amountOut } = await context.actions.quoteSwap(args);
        return { ...args, amountOut };
      }),
    quoteSwapDefinition,
  );
}
