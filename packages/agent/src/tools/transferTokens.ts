import { tool } from "langchain";
import { z } from "zod";
import { guardedSend } from "./guardedSend.ts";
import { runTool } from "./runTool.ts";
import { amountSchema, recipientSchema, tokenSchema } from "./schemas.ts";
import type { AgentContext } from "./types.ts";

export const transferTokensDefinition = {
  name: "transfer_tokens",
  description:
    "Sends ETH, WETH or USDC from the agent's wallet to a 0x address or did:ethr DID (sends a transaction; goes through the spending policy: caps, recipient allowlist, simulation, confirmation). Inputs: token, amount in whole units, to. Do not use it when the amount is not exact ('all', 'everything', 'some'), when the recipient is a name rather than an address or DID, or to pay for inference (request_verified_inference pays the escrow itself).",
  schema: z.object({
    token: tokenSchema.describe("token to send: ETH, WETH or USDC"),
    amount: amountSchema.describe('exact amount in whole units, a decimal string such as "5" or "0.1"'),
    to: recipientSchema.describe("recipient: a 0x address (40 hex digits) or a did:ethr DID"),
  }),
};

export type TransferTokensToolParameters = { context: AgentContext };

/**
 * The `transfer_tokens` tool.
 *
 * @example
 * const transfer = transferTokensTool({ context });
 */
export function transferTokensTool({ context }: TransferTokensToolParameters) {
  return tool(
    (args) =>
      runTool(async () => {
        const recipient = await context.actions.resolveAddress({ value: args.to });
        return guardedSend({
          context,
          call: { name: "transfer_tokens", args, recipient },
          execute: () => context.actions.transferTokens({ token: args.token, amount: args.amount, to: recipient }),
        });
      }),
    transferTokensDefinition,
  );
}
