import type { PaymentRequired, PaymentRequirements } from "@x402/core/types";
import { type Address, getAddress, isAddress } from "viem";
import { X402AssetMismatchError, X402PriceTooHighError, X402RecipientMismatchError } from "../../errors/x402.ts";

/**
 * The longest an authorization this client signs stays valid (validBefore = now + maxTimeoutSeconds), in seconds: 3x
 * the worker's default of 300. A payment the worker refuses can be settled by whoever holds it until then, so a worker
 * asking for a year-long window could answer "failed" and settle it later, beside the retry.
 */
const MAX_AUTHORIZATION_SECONDS = 900;

export type CheckQuickInferenceOfferParameters = {
  paymentRequired: PaymentRequired;
  /** The network the payer is on, CAIP-2 (`eip155:<chainId>`). */
  network: string;
  /** The stack's USDC: the only asset paid in. */
  usdc: Address;
  /** The most one answer may cost, in USDC base units. */
  maxAmount: bigint;
  /** The address the payment must go to (the worker's wallet), when the caller knows it. */
  expectedPayTo?: Address;
  /** The worker's URL, for the error messages. */
  url: string;
};

export type CheckQuickInferenceOfferReturnType = {
  requirements: PaymentRequirements;
  price: bigint;
  payTo: Address;
};

/**
 * The one offer of an x402 v2 402 this client will pay, checked before anything is signed: the `exact` scheme on the
 * client's network in the stack's USDC (else `X402AssetMismatchError`), at most `maxAmount` (else
 * `X402PriceTooHighError`), to `expectedPayTo` when given (else `X402RecipientMismatchError`), as an EIP-3009
 * authorization valid at most MAX_AUTHORIZATION_SECONDS (else `X402AssetMismatchError`).
 *
 * @example
 * const { price, payTo } = checkQuickInferenceOffer({ paymentRequired, network: "eip155:31337", usdc, maxAmount: 50_000n, url });
 */
export function checkQuickInferenceOffer({
  paymentRequired,
  network,
  usdc,
  maxAmount,
  expectedPayTo,
  url,
}: CheckQuickInferenceOfferParameters): CheckQuickInferenceOfferReturnType {
  const accepts = paymentRequired.accepts ?? [];
  const requirements = accepts.find(
    (option) =>
      option.scheme === "exact" &&
      option.network === network &&
      isAddress(option.asset, { strict: false }) &&
      getAddress(option.asset) === getAddress(usdc),
  );
  if (!requirements) {
    const offered =
      accepts.map((option) => `${option.scheme} ${option.asset} on ${option.network}`).join(", ") || "nothing";
    throw new X402AssetMismatchError({ offered, expected: `exact ${usdc} (the stack's USDC) on ${network}`, url });
  }
  const price = /^\d{1,78}$/.test(requirements.amount) ? BigInt(requirements.amount) : -1n;
  if (price < 0n) {
    throw new X402AssetMismatchError({
      offered: `an amount of ${JSON.stringify(requirements.amount)}`,
      expected: "a whole number of USDC base units",
      url,
    });
  }
  const method = requirements.extra?.assetTransferMethod ?? "eip3009";
  if (method !== "eip3009") {
    throw new X402AssetMismatchError({
      offered: `a ${String(method)} signature`,
      expected: "an EIP-3009 transferWithAuthorization",
      url,
    });
  }
  const seconds = requirements.maxTimeoutSeconds;
  if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > MAX_AUTHORIZATION_SECONDS) {
    throw new X402AssetMismatchError({
      offered: `an authorization valid for ${String(seconds)} s`,
      expected: `one valid for 1 to at most ${MAX_AUTHORIZATION_SECONDS} s`,
      url,
    });
  }
  if (price > maxAmount) throw new X402PriceTooHighError({ price, maxAmount, url });
  if (!isAddress(requirements.payTo, { strict: false })) {
    throw new X402RecipientMismatchError({ payTo: requirements.payTo, expected: expectedPayTo ?? usdc, url });
  }
  const payTo = getAddress(requirements.payTo);
  if (expectedPayTo !== undefined && payTo !== getAddress(expectedPayTo)) {
    throw new X402RecipientMismatchError({ payTo, expected: expectedPayTo, url });
  }
  return { requirements, price, payTo };
}
