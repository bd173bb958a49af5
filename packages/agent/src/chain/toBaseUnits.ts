import { parseUnits } from "viem";
import { AmountPrecisionError } from "../errors/amount.ts";
import { type TokenSymbol, tokenDecimals } from "../intent/types.ts";

export type ToBaseUnitsParameters = { amount: string; symbol: TokenSymbol };

/**
 * A decimal amount in the token's base units, exactly: an amount with more decimals than the token has is refused
 * (viem's parseUnits would round `0.0000004` USDC to 0 and `1.9999995` to 2, which the policy never approved).
 *
 * @example
 * toBaseUnits({ amount: "2.5", symbol: "USDC" }); // 2500000n
 */
export function toBaseUnits({ amount, symbol }: ToBaseUnitsParameters): bigint {
  const decimals = tokenDecimals[symbol];
  const fraction = amount.split(".")[1] ?? "";
  if (fraction.replace(/0+$/, "").length > decimals) throw new AmountPrecisionError({ amount, symbol, decimals });
  return parseUnits(amount, decimals);
}
