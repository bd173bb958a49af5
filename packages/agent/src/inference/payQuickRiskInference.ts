import {
  payForQuickInference,
  type WriteClient,
  X402AssetMismatchError,
  X402PriceTooHighError,
  X402RecipientMismatchError,
} from "@convergence/sdk";
import { type Address, formatUnits } from "viem";
import { InvalidQuickAnswerError, QuickPaymentRefusedError } from "../errors/inference.ts";
import type { QuickInferenceQuote } from "../tools/types.ts";
import { decodeRiskOutput } from "./decodeRiskOutput.ts";

export type PayQuickRiskInferenceParameters = {
  walletClient: WriteClient;
  /** The stack's USDC: the only asset paid in. */
  usdc: Address;
  quote: QuickInferenceQuote;
  /** The most to pay, in USDC base units: the quote's price (at most the user's ceiling). */
  maxAmount: bigint;
};

/**
 * Pays the quoted worker over x402 with the SDK's payForQuickInference (at most `maxAmount`, to the quoted payTo only,
 * in this chain's USDC) and reads its answer as a risk level. The SDK's refusals before signing (a higher price, another
 * recipient, another asset or network) become QuickPaymentRefusedError, which tells the spending policy nothing moved.
 * The answer is the worker's word: `verified: false`, and the logits are read from its raw outputs at the model's scale.
 *
 * @example
 * const answer = await payQuickRiskInference({ walletClient, usdc: contracts.USDC, quote, maxAmount: quote.price });
 */
export async function payQuickRiskInference({ walletClient, usdc, quote, maxAmount }: PayQuickRiskInferenceParameters) {
  const { scale, labels } = quote.output;
  const paid = await payForQuickInference(
    { walletClient, usdc },
    {
      workerUrl: quote.workerUrl,
      modelId: quote.modelId,
      // The quantized input, as the verified path commits it: both paths ask the same question.
      input: quote.input.map(Number),
      encoding: "quantized",
      maxAmount,
      ...(quote.payTo === undefined ? {} : { expectedPayTo: quote.payTo }),
    },
  ).catch((error: unknown) => {
    if (
      error instanceof X402PriceTooHighError ||
      error instanceof X402RecipientMismatchError ||
      error instanceof X402AssetMismatchError
    ) {
      throw new QuickPaymentRefusedError({ workerUrl: quote.workerUrl, problem: error.shortMessage, cause: error });
    }
    throw error;
  });
  // The worker's word, typed by the SDK but checked here: a malformed answer must not be read as a risk level.
  const raw: unknown = paid.output?.raw;
  if (
    !Array.isArray(raw) ||
    raw.length !== labels.length ||
    !raw.every((value) => typeof value === "string" && /^-?\d{1,40}$/.test(value))
  ) {
    throw new InvalidQuickAnswerError({
      workerUrl: quote.workerUrl,
      problem: `expected output.raw to be ${labels.length} integers as decimal strings (${labels.join(", ")}), got ${JSON.stringify(raw)?.slice(0, 200)}.`,
    });
  }
  const logits = raw.map((value) => Number(value) / 2 ** scale);
  const decoded = decodeRiskOutput({ logits, labels: labels });
  return {
    model: quote.model,
    subject: quote.subject,
    risk: decoded.risk,
    score: decoded.score,
    probabilities: decoded.probabilities,
    outputs: raw,
    verified: false as const,
    price: formatUnits(paid.price, 6),
    payTo: paid.payTo,
    settlementTx: paid.settlementTx ?? null,
    network: paid.network,
    workerUrl: quote.workerUrl,
    choice: quote.choice,
  };
}
