import { tool } from "langchain";
import { formatUnits } from "viem";
import { z } from "zod";
import { toBaseUnits } from "../chain/toBaseUnits.ts";
import { QuickPaymentRefusedError } from "../errors/inference.ts";
import { guardedSend } from "./guardedSend.ts";
import { runTool } from "./runTool.ts";
import { amountSchema } from "./schemas.ts";
import type { AgentContext } from "./types.ts";

export const getQuickInferenceDefinition = {
  name: "get_quick_inference",
  description:
    'Buys an unproven answer, paid per call: computes the model\'s input from the local pool\'s state (the same 8 features as request_verified_inference), asks a worker that sells the model over x402 (the configured one, else the cheapest worker of the market advertising an x402 price at or below maxPayment) for its price without paying, then pays that price in USDC (an EIP-3009 authorization the facilitator settles; goes through the spending policy like a transfer of the price to the worker, whose address must be on the allowlist) and returns its answer. Returns JSON {"risk": "low"|"medium"|"high", "score", "probabilities", "outputs", "verified": false, "price", "payTo", "settlementTx", "workerUrl", ...}. Nothing proves the answer: use it only when the user says a quick or unproven answer is fine, and never let a later step depend on it. Inputs: model (default "risk-v1"), subject (only "WETH/USDC" is supported), maxPayment in USDC. Do not use it when the user asks for a verified or proven answer (use request_verified_inference) or without a payment ceiling from the user.',
  schema: z.object({
    model: z
      .string()
      .regex(/^[a-z][a-z0-9_]*-v\d+$/, 'a registered model id such as "risk-v1"')
      .describe('registered model id, "risk-v1" unless the user names another'),
    subject: z
      .string()
      .regex(/^(ETH|WETH|USDC)\/(ETH|WETH|USDC)$/, 'a token pair such as "WETH/USDC"')
      .describe(
        'the market to score, as a pair such as "WETH/USDC": the input is read from its pool on the chain, never from the user',
      ),
    maxPayment: amountSchema.describe(
      'the most to pay for this one answer, in USDC whole units, such as "0.05": a worker asking more is not paid',
    ),
  }),
};

export type GetQuickInferenceToolParameters = { context: AgentContext };

/**
 * The `get_quick_inference` tool: the quote is read first (nothing signed), a price over the user's ceiling is refused
 * there, then the payment goes through the spending policy as a spend of the quoted price to the quoted payTo (caps,
 * ledger, recipient allowlist, confirmation), and is made with at most that price, to that payTo only. Where the
 * worker and its recipient come from: the configured worker or the market, never the model's arguments, so text in
 * the intent cannot choose who is paid; and the payTo must be on the user's allowlist.
 *
 * @example
 * const quick = getQuickInferenceTool({ context });
 */
export function getQuickInferenceTool({ context }: GetQuickInferenceToolParameters) {
  return tool(
    (args) =>
      runTool(async () => {
        const { quoteQuickInference: quote, payQuickInference: pay } = context.actions;
        if (!quote || !pay) {
          throw new Error(
            "quick inference is not available: this deployment has no USDC with EIP-3009 or no worker selling the model over x402. Use request_verified_inference, or start a worker with WORKER_X402_PRICE.",
          );
        }
        const ceiling = toBaseUnits({ amount: args.maxPayment, symbol: "USDC" });
        const quoted = await quote(args);
        const price = formatUnits(quoted.price, 6);
        if (quoted.price > ceiling) {
          return `Refused (price-ceiling): the worker at ${quoted.workerUrl} asks ${price} USDC per answer, more than the ${args.maxPayment} USDC you allow. Nothing was signed.`;
        }
        if (quoted.price === 0n) return pay({ quote: quoted, maxAmount: 0n });
        if (quoted.payTo === undefined) {
          throw new Error(`the worker at ${quoted.workerUrl} asks ${price} USDC but names nobody to pay.`);
        }
        return guardedSend({
          context,
          call: {
            name: "get_quick_inference",
            args: { ...args, price, payTo: quoted.payTo, workerUrl: quoted.workerUrl },
            recipient: quoted.payTo,
          },
          execute: () => pay({ quote: quoted, maxAmount: quoted.price }),
          // The facilitator broadcasts the payment, so the agent's nonce cannot tell whether it went out: only a
          // refusal before signing gives the reservation back.
          options: { nothingSigned: (error) => error instanceof QuickPaymentRefusedError },
        });
      }),
    getQuickInferenceDefinition,
  );
}
