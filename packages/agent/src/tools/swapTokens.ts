import { tool } from "langchain";
import { z } from "zod";
import { guardedSend } from "./guardedSend.ts";
import { runTool } from "./runTool.ts";
import { amountSchema, tokenSchema } from "./schemas.ts";
import type { AgentContext } from "./types.ts";

export const swapTokensDefinition = {
  name: "swap_tokens",
  description:
    "Swaps an exact amount in on the WETH/USDC pool with a slippage bound (sends transactions; goes through the spending policy: caps, slippage ceiling, simulation, confirmation). ETH in or out is wrapped or unwrapped around the swap. Inputs: tokenIn, tokenOut, amountIn in whole units, optional maxSlippageBps. Do not use it for a price only (use quote_swap), for ETH<->WETH (use wrap_eth / unwrap_eth), when the user gave no exact amount, or for an exact amount out.",
  schema: z.object({
    tokenIn: tokenSchema.describe("token given: ETH, WETH or USDC"),
    tokenOut: tokenSchema.describe("token received: ETH, WETH or USDC, different from tokenIn"),
    amountIn: amountSchema.describe('exact amount of tokenIn in whole units, a decimal string such as "100" or "0.5"'),
    maxSlippageBps: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .optional()
      .describe("worst acceptable price move in basis points (100 = 1%); omit for the policy's default"),
  }),
};

export type SwapTokensToolParameters = { context: AgentContext };

/**
 * The `swap_tokens` tool.
 *
 * @example
 * const swap = swapTokensTool({ context });
 */
export function swapTokensTool({ context }: SwapTokensToolParameters) {
  return tool(
    (args) =>
      runTool(async () => {
        if (args.tokenIn === args.tokenOut) throw new Error(`tokenIn and tokenOut are both ${args.tokenIn}.`);
        if ([args.tokenIn, args.tokenOut].every((t) => t === "ETH" || t === "WETH")) {
          throw new Error("ETH and WETH convert 1:1: use wrap_eth or unwrap_eth.");
        }
        const maxSlippageBps = args.maxSlippageBps ?? context.defaultSlippageBps;
        return guardedSend({
          context,
          call: { name: "swap_tokens", args: { ...args, maxSlippageBps } },
          execute: () => context.actions.swapTokens({ ...args, maxSlippageBps }),
        });
      }),
    swapTokensDefinition,
  );
}
