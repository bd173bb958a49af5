import type { PaymentRequired, PaymentRequirements } from "@x402/core/types";
import { describe, expect, it } from "vitest";
import { X402AssetMismatchError, X402PriceTooHighError, X402RecipientMismatchError } from "../../errors/x402.ts";
import { checkQuickInferenceOffer } from "./checkQuickInferenceOffer.ts";

const usdc = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const worker = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const offer: PaymentRequirements = {
  scheme: "exact",
  network: "eip155:31337",
  asset: usdc,
  amount: "10000",
  payTo: worker,
  maxTimeoutSeconds: 120,
  extra: { name: "USD Coin (Devnet)", version: "1" },
};
const required = (...accepts: PaymentRequirements[]): PaymentRequired => ({
  x402Version: 2,
  resource: { url: "http://w/v1/inference" },
  accepts,
});
const check = (paymentRequired: PaymentRequired, more: { maxAmount?: bigint; expectedPayTo?: `0x${string}` } = {}) =>
  checkQuickInferenceOffer({
    paymentRequired,
    network: "eip155:31337",
    usdc,
    maxAmount: more.maxAmount ?? 10_000n,
    ...(more.expectedPayTo ? { expectedPayTo: more.expectedPayTo } : {}),
    url: "http://w/v1/inference",
  });

describe("checkQuickInferenceOffer", () => {
  it("accepts the exact USDC offer on the client's network at or below the cap, to the expected wallet", () => {
    expect(check(required(offer), { expectedPayTo: worker })).toEqual({
      requirements: offer,
      price: 10_000n,
      payTo: worker,
    });
    // The right offer among others.
    const other = { ...offer, network: "eip155:1" as const };
    expect(check(required(other, offer)).requirements).toBe(offer);
  });

  it("refuses a price above the cap", () => {
    expect(() => check(required(offer), { maxAmount: 9_999n })).toThrow(X402PriceTooHighError);
    expect(() => check(required(offer), { maxAmount: 9_999n })).toThrow(/0\.01 USDC.*above the 0\.009999 USDC/);
  });

  it("refuses a recipient other than the expected one", () => {
    expect(() => check(required(offer), { expectedPayTo: usdc })).toThrow(X402RecipientMismatchError);
  });

  it("refuses another asset, another network, another scheme, or a malformed amount", () => {
    for (const bad of [
      { ...offer, asset: worker },
      { ...offer, network: "eip155:8453" as const },
      { ...offer, scheme: "upto" },
      { ...offer, amount: "1e6" },
      { ...offer, amount: "-5" },
    ]) {
      expect(() => check(required(bad))).toThrow(X402AssetMismatchError);
    }
    expect(() => check(required())).toThrow(/asks for nothing/);
  });

  it("refuses an authorization a lying worker could hold for long, or one signed for Permit2 instead of EIP-3009", () => {
    // A payment the worker refuses stays settleable until validBefore = now + maxTimeoutSeconds: a year-long window
    // lets a worker that answered "failed" settle it any time later, beside the retry the error asks for.
    expect(() => check(required({ ...offer, maxTimeoutSeconds: 365 * 24 * 3600 }))).toThrow(X402AssetMismatchError);
    expect(() => check(required({ ...offer, maxTimeoutSeconds: 365 * 24 * 3600 }))).toThrow(
      /valid for 31536000 s.*at most 900 s/,
    );
    expect(() => check(required({ ...offer, maxTimeoutSeconds: 0 }))).toThrow(X402AssetMismatchError);
    expect(check(required({ ...offer, maxTimeoutSeconds: 900 })).price).toBe(10_000n);
    expect(() => check(required({ ...offer, extra: { ...offer.extra, assetTransferMethod: "permit2" } }))).toThrow(
      /EIP-3009/,
    );
  });
});
