import { BaseError } from "./base.ts";

/** An amount with more decimals than its token has: sending it would round it to another amount. */
export class AmountPrecisionError extends BaseError {
  override name = "AmountPrecisionError";
  constructor({ amount, symbol, decimals }: { amount: string; symbol: string; decimals: number }) {
    super(`${amount} ${symbol} has more decimals than ${symbol} has (${decimals}): nothing was sent.`, {
      metaMessages: [`Say the amount with at most ${decimals} decimals, so the amount sent is the amount approved.`],
    });
  }
}
