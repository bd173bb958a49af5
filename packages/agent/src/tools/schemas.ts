import { maxUint256 } from "viem";
import { z } from "zod";
import { parseDecimal } from "../intent/parseDecimal.ts";

// Field schemas shared by the tools; every field gets its own .describe() where it is used.

/** ETH (native), WETH or USDC. */
export const tokenSchema = z.enum(["ETH", "WETH", "USDC"]);

/**
 * A positive decimal in whole units, no exponent: "100", "0.5". At most 18 decimals and 2^256 - 1 base units at 18
 * decimals (the most any of the tokens has), so a chat model's "1e308" or 400 digits is refused here, naming the field,
 * instead of failing inside viem; the token's own decimals are checked where the token is known.
 */
export const amountSchema = z
  .string()
  .regex(/^(?:\d+(?:\.\d+)?|\.\d+)$/, 'a decimal amount in whole units such as "100" or "0.5"')
  .refine((value) => /[1-9]/.test(value), "an amount greater than zero")
  .refine((value) => {
    const scaled = parseDecimal({ text: value });
    return scaled !== undefined && scaled <= maxUint256;
  }, "an amount with at most 18 decimals and at most 2^256 - 1 base units");

/** A 0x address or a did:ethr DID. */
export const recipientSchema = z
  .string()
  .regex(
    /^(?:0x[0-9a-fA-F]{40}|did:ethr:(?:[a-z0-9]+:)?0x[0-9a-fA-F]{40})$/,
    "a 0x address (40 hex digits) or a did:ethr DID",
  );
