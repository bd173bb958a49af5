import { maxUint256 } from "viem";
import type { AmountMention } from "./createClauseView.ts";
import { formatDecimal } from "./formatDecimal.ts";
import { DECIMAL_SCALE } from "./parseDecimal.ts";
import { type TokenSymbol, tokenDecimals } from "./types.ts";

export type CheckAmountParameters = { mention: AmountMention; symbol: TokenSymbol };
/** The canonical amount, or the reason it cannot be used. */
export type CheckAmountReturnType = { ok: true; amount: string } | { ok: false; reason: string };

/**
 * Checks that an amount can be sent in a token: positive, with no more fractional digits than the token
 * has (USDC has 6), and no more base units than a uint256 holds (a 400-digit amount is exact here but
 * no transaction can carry it). Returns the canonical decimal string ("1000", "0.5").
 *
 * @example
 * checkAmount({ mention, symbol: "USDC" }); // { ok: true, amount: "12.5" }
 */
export function checkAmount({ mention, symbol }: CheckAmountParameters): CheckAmountReturnType {
  if (mention.negative) return { ok: false, reason: `the amount -${mention.text} is negative` };
  if (mention.value === 0n) return { ok: false, reason: `the amount ${mention.text} is zero` };
  const decimals = tokenDecimals[symbol];
  const unit = 10n ** BigInt(DECIMAL_SCALE - decimals);
  if (mention.value % unit !== 0n) {
    return {
      ok: false,
      reason: `${mention.text} ${symbol} has more than ${decimals} decimals, the most ${symbol} has`,
    };
  }
  if (mention.value / unit > maxUint256) {
    return {
      ok: false,
      reason: `${mention.text} ${symbol} is more than any ${symbol} amount can be (2^256 - 1 base units)`,
    };
  }
  return { ok: true, amount: formatDecimal({ value: mention.value }) };
}
