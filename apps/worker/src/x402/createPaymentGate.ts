import { HTTPFacilitatorClient } from "@x402/core/server";
import type { Network } from "@x402/core/types";
import { ExactEvmScheme } from "@x402/evm/exact/server";
import { paymentMiddleware, x402ResourceServer } from "@x402/express";
import type { RequestHandler } from "express";
import type { Address } from "viem";

/** What one paid POST /v1/inference asks: the token, its EIP-712 domain, who is paid, through which facilitator. */
export type X402Offer = {
  /** The price of one answer from `model`, in the token's base units; 0: free (no 402). */
  price: (model: string) => bigint;
  /** Who is paid: the worker's account. */
  payTo: Address;
  /** The token paid in (the stack's USDC, with EIP-3009). */
  asset: Address;
  /** The token's EIP-712 domain name and version, as the contract reports them (the payer signs against them). */
  eip712: { name: string; version: string };
  /** The CAIP-2 network, eip155:<chainId>. */
  network: Network;
  /** The facilitator that verifies and settles (WORKER_FACILITATOR_URL). */
  facilitatorUrl: string;
  /**
   * Seconds an authorization stays valid (the payer's validBefore window). Default 300: a Hardhat devnet under load
   * mines a block per settlement and its clock runs ahead of the wall clock by a second a block, while x402 clients
   * date their authorizations by the wall clock. A longer window lets nobody move more: the nonce is single-use and
   * the amount and recipient are signed.
   */
  maxTimeoutSeconds?: number;
};

export type CreatePaymentGateParameters = {
  offer: X402Offer;
  /** The model a request is for (its validated body's), so the 402 names that model's price. */
  modelOf: (body: unknown) => string | undefined;
};

export type CreatePaymentGateReturnType = RequestHandler;

/**
 * The x402 v2 gate in front of POST /v1/inference, the official `@x402/express` middleware on an `@x402/core`
 * resource server with the `@x402/evm` `exact` scheme: a request for a priced model without `PAYMENT-SIGNATURE` gets
 * 402 with the `PAYMENT-REQUIRED` header (the model's price in the stack's USDC, payTo the worker); a valid payment is
 * verified by the facilitator, the answer is computed and held, the payment is settled, and only then is the answer
 * sent with `PAYMENT-RESPONSE` (the settlement transaction). A payment that fails to settle (a replayed authorization,
 * a payer whose funds went meanwhile) gets 402 and no answer; a request the handler refuses (4xx) is not settled.
 * A free model (price 0) passes straight through. Mount after the body is parsed and validated.
 *
 * @example
 * app.post("/v1/inference", jsonBody, validate, createPaymentGate({ offer, modelOf: (body) => body.model }), handler);
 */
export function createPaymentGate({ offer, modelOf }: CreatePaymentGateParameters): CreatePaymentGateReturnType {
  const server = new x402ResourceServer(new HTTPFacilitatorClient({ url: offer.facilitatorUrl })).register(
    offer.network,
    new ExactEvmScheme(),
  );
  const priceOf = (body: unknown): bigint => {
    const model = modelOf(body);
    return model === undefined ? 0n : offer.price(model);
  };
  const middleware = paymentMiddleware(
    {
      "POST /v1/inference": {
        accepts: {
          scheme: "exact",
          network: offer.network,
          payTo: offer.payTo,
          price: (context) => ({
            asset: offer.asset,
            amount: priceOf(context.adapter.getBody?.()).toString(),
            extra: { name: offer.eip712.name, version: offer.eip712.version },
          }),
          maxTimeoutSeconds: offer.maxTimeoutSeconds ?? 300,
        },
        description: "One unproven inference (onnxruntime), paid per call",
        mimeType: "application/json",
      },
    },
    server,
  );
  return (req, res, next) => {
    if (priceOf(req.body) === 0n) {
      next();
      return;
    }
    return middleware(req, res, next);
  };
}
