import { decodePaymentRequiredHeader } from "@x402/core/http";
import type { PaymentRequired } from "@x402/core/types";
import { type Address, getAddress, isAddress } from "viem";
import { WorkerModelNotServedError, WorkerUnreachableError } from "../../errors/worker.ts";
import { X402InvalidPaymentRequiredError } from "../../errors/x402.ts";
import { requestWorker } from "../worker/requestWorker.ts";

export type QuoteQuickInferenceParameters = {
  /** The worker's HTTP API. */
  workerUrl: string;
  /** The model's name as the worker serves it, e.g. risk-v1. */
  modelId: string;
  timeoutMs?: number;
};

export type QuoteQuickInferenceReturnType =
  | {
      /** One answer's price in the asset's base units. */
      price: bigint;
      /** Who is paid. */
      payTo: Address;
      /** The token asked for. */
      asset: Address;
      /** CAIP-2 network, e.g. eip155:31337. */
      network: string;
    }
  | { price: 0n };

/**
 * What one quick, unproven answer (`POST /v1/inference`) from a worker costs, read from its x402 v2 402
 * (`PAYMENT-REQUIRED`, the first `exact` offer) without paying: nothing is signed. A free model gives `{ price: 0n }`.
 * Throws `WorkerModelNotServedError` for a model the worker does not serve, `X402InvalidPaymentRequiredError` for a 402
 * that is not x402 v2.
 *
 * @example
 * const quote = await quoteQuickInference({ workerUrl: "http://127.0.0.1:8080", modelId: "risk-v1" });
 * if (quote.price > 0n) console.log(quote.price, quote.payTo); // 10000n 0x3C44...
 */
export async function quoteQuickInference({
  workerUrl,
  modelId,
  timeoutMs = 30_000,
}: QuoteQuickInferenceParameters): Promise<QuoteQuickInferenceReturnType> {
  const url = new URL("/v1/inference", workerUrl).toString();
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ modelId }),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error",
    });
  } catch (cause) {
    throw new WorkerUnreachableError({ url, reason: (cause as Error).message, cause });
  }
  if (response.status === 402) {
    await response.body?.cancel().catch(() => undefined);
    const paymentRequired = readPaymentRequired({ response, url });
    const offer = paymentRequired.accepts.find((option) => option.scheme === "exact");
    if (!offer || !/^\d{1,78}$/.test(offer.amount) || !isAddress(offer.payTo) || !isAddress(offer.asset)) {
      throw new X402InvalidPaymentRequiredError({ url, problem: "no exact offer with an amount, payTo and asset" });
    }
    return {
      price: BigInt(offer.amount),
      payTo: getAddress(offer.payTo),
      asset: getAddress(offer.asset),
      network: offer.network,
    };
  }
  await response.body?.cancel().catch(() => undefined);
  // Not 402: the request (which carried no input) went past the gate, or was refused before it. The model list says
  // which: a served model is free; one not served is an error.
  const { body } = await requestWorker<{ models?: { name?: unknown }[] }>({
    workerUrl,
    method: "GET",
    path: "/v1/models",
    timeoutMs,
  });
  const served = (body.models ?? []).map((model) => String(model.name));
  if (!served.includes(modelId)) {
    throw new WorkerModelNotServedError({
      url,
      status: 404,
      code: "MODEL_NOT_FOUND",
      message: `it serves ${served.join(", ") || "no model"}, not ${modelId}`,
    });
  }
  return { price: 0n };
}

/** The x402 v2 PAYMENT-REQUIRED of a 402 answer. */
export function readPaymentRequired({ response, url }: { response: Response; url: string }): PaymentRequired {
  const header = response.headers.get("payment-required");
  if (!header) throw new X402InvalidPaymentRequiredError({ url, problem: "it has no PAYMENT-REQUIRED header" });
  let paymentRequired: PaymentRequired;
  try {
    paymentRequired = decodePaymentRequiredHeader(header);
  } catch (cause) {
    throw new X402InvalidPaymentRequiredError({ url, problem: "its PAYMENT-REQUIRED header does not decode", cause });
  }
  if (paymentRequired.x402Version !== 2 || !Array.isArray(paymentRequired.accepts)) {
    throw new X402InvalidPaymentRequiredError({
      url,
      problem: `x402Version ${String(paymentRequired.x402Version)}, expected 2`,
    });
  }
  return paymentRequired;
}
