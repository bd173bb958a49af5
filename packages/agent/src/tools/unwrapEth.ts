import { tool } from "langchain";
import { z } from "zod";
import { guardedSend } from "./guardedSend.ts";
import { runTool } from "./runTool.ts";
import { amountSchema } from "./schemas.ts";
import type { AgentContext } from "./types.ts";

export const unwrapEthDefinition = {
  name: "unwrap_eth",
  description:
    "Unwraps WETH back into native ETH 1:1 (sends a transaction; goes through the spending policy). Input: amount of WETH in whole units. Do not use it to sell WETH for USDC (use swap_tokens) or to wrap ETH (use wrap_eth).",
  schema: z.object({
    amount: amountSchema.describe('exact WETH amount in whole units, a decimal string such as "0.25"'),
  }),
};

export type UnwrapEthToolParameters = { context: AgentContext };

/**
 * The `unwrap_eth` tool.
 *
 * @example
 * const unwrap = unwrapEthTool({ context });
 */
export function unwrapEthTool({ context }: UnwrapEthToolParameters) {
  return tool(
    (args) =>
      runTool(() =>
        guardedSend({ context, call: { name: "unwrap_eth", args }, execute: () => context.actions.unwrapEth(args) }),
      ),
    unwrapEthDefinition,
  );
}
