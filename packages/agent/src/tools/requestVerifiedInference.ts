import { tool } from "langchain";
import { z } from "zod";
import { guardedSend } from "./guardedSend.ts";
import { runTool } from "./runTool.ts";
import { amountSchema } from "./schemas.ts";
import type { AgentContext } from "./types.ts";

export const requestVerifiedInferenceDefinition = {
  name: "request_verified_inference",
  description:
    'Buys a zero-knowledge-verified risk score for a market: computes risk-v1\'s 8 features from the local pool\'s state (reserves, swaps of the last 24 h, LP holders; price impact of a 1,000 USDC trade), commits them, opens an escrow job paying maxPayment USDC (sends a transaction; goes through the spending policy) for a worker (the configured one, else the cheapest worker of the open market above a reputation floor, another taking over if it does not prove in time), hands it the input and waits until its proof is verified on-chain, then rates the worker on-chain. Returns JSON {"attestationId", "jobId", "risk": "low"|"medium"|"high", "score", "probabilities", "outputs", "verified": true, "txHash", "gasUsed", "choice" (market: chosen, fulfilledBy, attempts, feedback), ...}: outputs are the attested logits (low, medium, high) at scale 2^S; risk is the label of the largest, probabilities their softmax, score = p(medium) * 0.5 + p(high), the expected risk in [0, 1]. Inputs: model (default "risk-v1"), subject (only "WETH/USDC" is supported), maxPayment in USDC. Call it before any step that depends on the risk, then read "risk" from its result. Do not use it for prices (use quote_swap) or without a payment cap from the user.',
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
            "verified inference is not available: this deployment has no inference market (InferenceEscrow, InferenceAttestor). Deploy the full stack with pnpm convergence deploy.",
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
