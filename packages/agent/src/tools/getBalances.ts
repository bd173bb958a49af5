import { tool } from "langchain";
import type { Address } from "viem";
import { z } from "zod";
import { runTool } from "./runTool.ts";
import type { AgentContext } from "./types.ts";

export const getBalancesDefinition = {
  name: "get_balances",
  description:
    "Reads the ETH, WETH and USDC balances of an account (read-only, sends nothing). Input: account, a 0x address or did:ethr DID; omit it for the agent's own wallet. Do not use it to move funds or to price a swap (use quote_swap).",
  schema: z.object({
    account: z
      .string()
      .regex(/^(?:0x[0-9a-fA-F]{40}|did:ethr:(?:[a-z0-9]+:)?0x[0-9a-fA-F]{40})$/, "a 0x address or a did:ethr DID")
      .optional()
      .describe("0x address or did:ethr DID whose balances to read; omit for the agent's own wallet"),
  }),
};

export type GetBalancesToolParameters = { context: AgentContext };

/**
 * The `get_balances` tool.
 *
 * @example
 * const balances = getBalancesTool({ context });
 */
export function getBalancesTool({ context }: GetBalancesToolParameters) {
  return tool(
    ({ account }) =>
      runTool(async () => {
        const address: Address = account ? await context.actions.resolveAddress({ value: account }) : context.account;
        return { account: address, balances: await context.actions.getBalances({ account: address }) };
      }),
    getBalancesDefinition,
  );
}
