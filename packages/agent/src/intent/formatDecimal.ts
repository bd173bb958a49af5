import { DECIMAL_SCALE } from "./parseDecimal.ts";

export type FormatDecimalParameters = {
  /** A value scaled by 10^18 (see parseDecimal). */
  value: bigint;
};

/**
 * The canonical decimal string of a scaled value: no thousands separators, no leading or trailing
 * zeros, no trailing dot ("1000", "0.5", "12.5").
 *
 * @example
 * formatDecimal({ value: 500000000000000000n }); // "0.5"
 */
export function formatDecimal({ value }: FormatDecimalParameters): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(DECIMAL_SCALE + 1, "0");
  const whole = digits.slice(0, -DECIMAL_SCALE).replace(/^0+(?=\d)/, "");
  const fraction = digits.slice(-DECIMAL_SCALE).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}
