import { tool } from "langchain";
import { z } from "zod";
import { guardedSend } from "./guardedSend.ts";
import { runTool } from "./runTool.ts";
import { amountSchema } from "./schemas.ts";
import type { AgentContext } from "./types.ts";

export const requestVerifiedInferenceDefinition = {
  name: "request_verified_inference",
  description:
    'Buys a zero-knowledge-verified inference: opens an escrow job paying at most maxPayment USDC, waits until a worker\'s proof is verified on-chain, and returns the attested output as JSON {"attestationId", "risk": "low"|"medium"|"high", "score", ...} (sends a transaction; goes through the spending policy). Inputs: model (default "risk-v1"), subject (a market pair such as "WETH/USDC"), maxPayment in USDC. Call it before any step that depends on the risk, then read "risk" from its result. Do not use it for prices (use quote_swap) or without a payment cap from the user.',
  schema: z.object({
    model: z
      .string()
      .regex(/^[a-z][a-z0-9_]*-v\d+$/, 'a registered model id such as "risk-v1"')
      .describe('registered model id, "risk-v1" unless the user names another'),
    subject: z
      .string()
      .regex(/^(ETH|WETH|USDC)\/(ETH|WETH|USDC)$/, 'a token pair such as "WETH/USDC"')
      .describe('the market to score, as a pair such as "WETH/USDC"'),
    maxPayment: amountSchema.describe('the most to pay, in USDC whole units, such as "2"'),
  }),
};

export type RequestVerifiedInferenceToolParameters = { context: AgentContext };

/**
 * The `request_verified_inference` tool.
 *
 * @example
 * const inference = requestVerifiedInferenceTool({ context });
 */
export function requestVerifiedInferenceTool({ context }: RequestVerifiedInferenceToolParameters) {
  return tool(
    (args) =>
      runTool(async () => {
        const request = context.actions.requestVerifiedInference;
        if (!request) {
          throw new Error(
            "verified inference is not available in this build: the inference-market SDK actions (open job, wait for attestation) are not wired yet.",
          );
        }
        return guardedSend({
          context,
          call: { name: "request_verified_inference", args },
          execute: () => request(args),
        });
      }),
    requestVerifiedInferenceDefinition,
  );
}
