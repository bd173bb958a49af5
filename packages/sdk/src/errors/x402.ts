import { type Address, formatUnits } from "viem";
import { BaseError } from "./base.ts";

/** The worker asks more for one answer than the caller allows: nothing was signed. */
export class X402PriceTooHighError extends BaseError {
  override name = "X402PriceTooHighError";
  readonly price: bigint;
  readonly maxAmount: bigint;
  constructor({ price, maxAmount, url }: { price: bigint; maxAmount: bigint; url: string }) {
    super(
      `The worker asks ${formatUnits(price, 6)} USDC for one answer, above the ${formatUnits(maxAmount, 6)} USDC allowed: nothing was signed.`,
      {
        details: url,
        metaMessages: ["Allow more (maxAmount), ask a cheaper worker, or use the escrow for a proven answer."],
      },
    );
    this.price = price;
    this.maxAmount = maxAmount;
  }
}

/** The worker asks to be paid to an address other than the one expected (its registered wallet): nothing was signed. */
export class X402RecipientMismatchError extends BaseError {
  override name = "X402RecipientMismatchError";
  constructor({ payTo, expected, url }: { payTo: string; expected: Address; url: string }) {
    super(`The worker asks to be paid to ${payTo}, not to ${expected} as expected: nothing was signed.`, {
      details: url,
      metaMessages: ["Check which worker answers at this URL; pay only the wallet its ERC-8004 agent names."],
    });
  }
}

/**
 * The worker asks for a payment this client will not make: another asset than the stack's USDC, another network than
 * the client's chain, or another scheme than x402's `exact`. Nothing was signed.
 */
export class X402AssetMismatchError extends BaseError {
  override name = "X402AssetMismatchError";
  constructor({ offered, expected, url }: { offered: string; expected: string; url: string }) {
    super(`The worker asks for ${offered}; this client pays only ${expected}: nothing was signed.`, {
      details: url,
      metaMessages: ["Use a worker on this chain that is paid in the stack's USDC, or connect to the worker's chain."],
    });
  }
}

/** The worker's 402 could not be read as an x402 v2 PAYMENT-REQUIRED. */
export class X402InvalidPaymentRequiredError extends BaseError {
  override name = "X402InvalidPaymentRequiredError";
  constructor({ url, problem, cause }: { url: string; problem: string; cause?: unknown }) {
    super(`The worker's 402 is not a usable x402 v2 payment request: ${problem}.`, {
      details: url,
      cause,
      metaMessages: ["The worker may run another protocol version; ask its operator, or use the escrow."],
    });
  }
}

/**
 * A signed payment was refused or did not settle: the worker answered without the output. `reason` is the
 * protocol's error (e.g. invalid_exact_evm_payload_authorization_valid_before, insufficient_funds). When the
 * settlement failed, no USDC moved (the authorization was not executed).
 */
export class X402PaymentFailedError extends BaseError {
  override name = "X402PaymentFailedError";
  readonly status: number;
  readonly reason: string | undefined;
  constructor({ url, status, reason, message }: { url: string; status: number; reason?: string; message?: string }) {
    // The reason is the worker's word: named in the message only as a protocol error code (an agent's model reads the
    // message), any other text only in the details.
    const code = reason !== undefined && /^[a-z][a-z0-9_]{0,99}$/.test(reason);
    super(`The worker did not accept the payment (${status}${code ? ` ${reason}` : ""}).`, {
      details: [url, code ? undefined : reason, message].filter(Boolean).join(": "),
      metaMessages: ["Check the payer's USDC balance and the chain, then call again (a new authorization is signed)."],
    });
    this.status = status;
    this.reason = reason;
  }
}
