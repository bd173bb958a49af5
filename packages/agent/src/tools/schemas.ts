import { z } from "zod";

// Field schemas shared by the tools; every field gets its own .describe() where it is used.

/** ETH (native), WETH or USDC. */
export const tokenSchema = z.enum(["ETH", "WETH", "USDC"]);

/** A positive decimal in whole units, no exponent: "100", "0.5". */
export const amountSchema = z
  .string()
  .regex(/^(?:\d+(?:\.\d+)?|\.\d+)$/, 'a decimal amount in whole units such as "100" or "0.5"')
  .refine((value) => /[1-9]/.test(value), "an amount greater than zero");

/** A 0x address or a did:ethr DID. */
export const recipientSchema = z
  .string()
  .regex(
    /^(?:0x[0-9a-fA-F]{40}|did:ethr:(?:[a-z0-9]+:)?0x[0-9a-fA-F]{40})$/,
    "a 0x address (40 hex digits) or a did:ethr DID",
  );
