import { tool } from "langchain";
import { z } from "zod";
import { guardedSend } from "./guardedSend.ts";
import { runTool } from "./runTool.ts";
import { amountSchema } from "./schemas.ts";
import type { AgentContext } from "./types.ts";

export const wrapEthDefinition = {
  name: "wrap_eth",
  description:
    "Wraps native ETH into WETH 1:1 (sends a transaction; goes through the spending policy). Input: amount of ETH in whole units. Do not use it to get USDC (use swap_tokens) or to turn WETH back into ETH (use unwrap_eth).",
  schema: z.object({
    amount: amountSchema.describe('exact ETH amount in whole units, a decimal string such as "1" or "0.5"'),
  }),
};

export type WrapEthToolParameters = { context: AgentContext };

/**
 * The `wrap_eth` tool.
 *
 * @example
 * const wrap = wrapEthTool({ context });
 */
export function wrapEthTool({ context }: WrapEthToolParameters) {
  return tool(
    (args) =>
      runTool(() =>
        guardedSend({ context, call: { name: "wrap_eth", args }, execute: () => context.actions.wrapEth(args) }),
      ),
    wrapEthDefinition,
  );
}
