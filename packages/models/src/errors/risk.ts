import { BaseError } from "./base.ts";

export class InvalidMarketStateError extends BaseError {
  override name = "InvalidMarketStateError";
  constructor({ field, value, expected }: { field: string; value: number; expected: string }) {
    super(`Invalid market state: ${field} is ${value}, expected ${expected}.`, {
      metaMessages: ["Amounts are in human units (WETH, USDC), fractions as decimals (0.01 = 1%)."],
    });
  }
}
