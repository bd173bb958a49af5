import { x402Client, x402HTTPClient } from "@x402/core/client";
import { decodePaymentResponseHeader } from "@x402/core/http";
import type { Network } from "@x402/core/types";
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { wrapFetchWithPayment } from "@x402/fetch";
import type { Address, Hash } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { BaseError } from "../../errors/base.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import {
  WorkerInvalidRequestError,
  WorkerModelNotServedError,
  WorkerRequestError,
  WorkerUnreachableError,
} from "../../errors/worker.ts";
import { X402InvalidPaymentRequiredError, X402PaymentFailedError } from "../../errors/x402.ts";
import { checkQuickInferenceOffer } from "./checkQuickInferenceOffer.ts";

/** Who pays, and in what. */
export type PayForQuickInferenceClients = {
  /** Signs the EIP-3009 authorization: its account pays, its chain is the only network it pays on. */
  walletClient: WriteClient;
  /** The stack's USDC (deployment.contracts.USDC): the only asset it pays in. */
  usdc: Address;
};

export type PayForQuickInferenceParameters = {
  /** The worker's HTTP API. */
  workerUrl: string;
  /** The model's name as the worker serves it, e.g. risk-v1. */
  modelId: string;
  /** One input row: real feature values (encoding "float", the default) or the quantized integers ("quantized"). */
  input: readonly number[];
  encoding?: "float" | "quantized";
  /** The most this answer may cost, in USDC base units: a higher price is refused before anything is signed. */
  maxAmount: bigint;
  /** The address the payment must go to (the worker's agent wallet), when known: any other is refused unsigned. */
  expectedPayTo?: Address;
  timeoutMs?: number;
};

/** The worker's answer: the same output shape as a job's (`raw` fixed point, dequantized `values`, `label`). */
export type QuickInferenceOutput = { raw: string[]; values: number[]; label: string | null };

export type PayForQuickInferenceReturnType = {
  output: QuickInferenceOutput;
  /** What was paid, in USDC base units (0n: the model is free and nothing was signed). */
  price: bigint;
  /** Who was paid (the zero address when free). */
  payTo: Address;
  /** The settlement transaction (PAYMENT-RESPONSE), undefined when free or when the worker names no transaction hash. */
  settlementTx: Hash | undefined;
  /** CAIP-2 network paid on. */
  network: string;
};

/**
 * Buys one quick, unproven answer from a worker with x402 v2: the official `@x402/fetch` client signs an EIP-3009
 * `transferWithAuthorization` of the asked price to the worker, the worker's facilitator settles it, and the answer
 * comes back with the settlement transaction. Before anything is signed the 402 is checked: the `exact` scheme in the
 * stack's USDC on the client's chain (`X402AssetMismatchError`), at most `maxAmount` (`X402PriceTooHighError`), to
 * `expectedPayTo` when given (`X402RecipientMismatchError`); the x402 client's own spend cap is `maxAmount` too. A
 * payment the worker refuses or cannot settle throws `X402PaymentFailedError` with the protocol's reason. A free model
 * is answered without paying.
 *
 * @example
 * const { output, price, settlementTx } = await payForQuickInference({ walletClient, usdc }, {
 *   workerUrl: "http://127.0.0.1:8080", modelId: "risk-v1", input: features, maxAmount: 50_000n });
 */
export async function payForQuickInference(
  { walletClient, usdc }: PayForQuickInferenceClients,
  {
    workerUrl,
    modelId,
    input,
    encoding = "float",
    maxAmount,
    expectedPayTo,
    timeoutMs = 60_000,
  }: PayForQuickInferenceParameters,
): Promise<PayForQuickInferenceReturnType> {
  if (maxAmount < 0n) {
    throw new InvalidParameterError({
      parameter: "maxAmount",
      value: maxAmount,
      expected: "0 or more USDC base units",
    });
  }
  const url = new URL("/v1/inference", workerUrl).toString();
  const network = `eip155:${walletClient.chain.id}` as Network;
  const account = walletClient.account;
  const client = new x402Client()
    .register(
      network,
      new ExactEvmScheme({
        address: account.address,
        signTypedData: (typedData) =>
          walletClient.signTypedData({ account, ...typedData } as Parameters<WriteClient["signTypedData"]>[0]),
      }),
    )
    // The x402 client's own cap, in base units of this one asset: a second guard behind the check below.
    .setSpendControls({
      maxAmountPerPayment: false,
      allowedAssets: [{ network, asset: usdc, maxAmountPerPayment: maxAmount.toString() }],
    });
  let offer: ReturnType<typeof checkQuickInferenceOffer> | undefined;
  // Runs on the 402, before the client signs: a refusal here throws out of the fetch with nothing signed.
  const httpClient = new x402HTTPClient(client).onPaymentRequired(async ({ paymentRequired }) => {
    if (paymentRequired.x402Version !== 2) {
      throw new X402InvalidPaymentRequiredError({
        url,
        problem: `x402Version ${String(paymentRequired.x402Version)}, expected 2`,
      });
    }
    offer = checkQuickInferenceOffer({ paymentRequired, network, usdc, maxAmount, expectedPayTo, url });
  });
  // Sign only the offer that was checked.
  client.registerPolicy((_version, requirements) => requirements.filter((option) => option === offer?.requirements));
  const paidFetch = wrapFetchWithPayment(fetch, httpClient);

  let response: Response;
  try {
    response = await paidFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ modelId, input, encoding }),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error",
    });
  } catch (cause) {
    if (cause instanceof BaseError) throw cause;
    throw new WorkerUnreachableError({ url, reason: (cause as Error).message, cause });
  }
  const text = await response.text();
  if (response.status === 402 && offer) {
    // Paid, and refused: the reason is in the PAYMENT-RESPONSE (settlement) or the PAYMENT-REQUIRED (verification).
    const settled = response.headers.get("payment-response");
    const required = response.headers.get("payment-required");
    let reason: string | undefined;
    let message: string | undefined;
    try {
      if (settled) ({ errorReason: reason, errorMessage: message } = decodePaymentResponseHeader(settled));
      else if (required) reason = httpClient.getPaymentRequiredResponse((name) => response.headers.get(name)).error;
    } catch {
      // The status alone says it failed.
    }
    throw new X402PaymentFailedError({
      url,
      status: 402,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
    });
  }
  if (!response.ok) {
    // The worker's own error (400 bad input, 404 model not served...); a payment it held was not settled.
    let error: { code?: string; message?: string } = {};
    try {
      error = (JSON.parse(text) as { error?: typeof error }).error ?? {};
    } catch {
      // Not JSON: the status says enough.
    }
    const details = {
      url,
      status: response.status,
      code: error.code ?? "UNKNOWN",
      message: error.message ?? text.slice(0, 200),
    };
    if (response.status === 400) throw new WorkerInvalidRequestError(details);
    if (response.status === 404 && details.code === "MODEL_NOT_FOUND") throw new WorkerModelNotServedError(details);
    throw new WorkerRequestError(details);
  }
  const body = JSON.parse(text) as { output: QuickInferenceOutput };
  const header = response.headers.get("payment-response");
  if (!offer) {
    return { output: body.output, price: 0n, payTo: ZERO, settlementTx: undefined, network };
  }
  const settlement = header ? decodePaymentResponseHeader(header) : undefined;
  // The worker's word, passed on only as what it must be (a transaction hash): an agent's model reads this result.
  const transaction: unknown = settlement?.transaction;
  return {
    output: body.output,
    price: offer.price,
    payTo: offer.payTo,
    settlementTx:
      typeof transaction === "string" && /^0x[0-9a-fA-F]{64}$/.test(transaction) ? (transaction as Hash) : undefined,
    // Paid on this network only (checked before signing), whatever the worker says.
    network,
  };
}

const ZERO = "0x0000000000000000000000000000000000000000" as Address;
