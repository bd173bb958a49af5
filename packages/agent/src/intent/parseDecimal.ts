/** Fixed point used for every amount the parser reads: 18 fractional digits, like ETH. */
export const DECIMAL_SCALE = 18;
const ONE = 10n ** BigInt(DECIMAL_SCALE);

export type ParseDecimalParameters = {
  /** A plain decimal: `1000`, `1,000`, `0.5`, `.5`, `12.50`. Thousands separators must be groups of three. */
  text: string;
};
/** The value scaled by 10^18, or undefined when the text is not a decimal or has more than 18 fractional digits. */
export type ParseDecimalReturnType = bigint | undefined;

/**
 * Reads a non-negative decimal into a bigint scaled by 10^18, exactly (no floating point).
 *
 * @example
 * parseDecimal({ text: "1,000.5" }); // 1000500000000000000000n
 */
export function parseDecimal({ text }: ParseDecimalParameters): ParseDecimalReturnType {
  const match = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) return undefined;
  const whole = (match[1] ?? "").replaceAll(",", "");
  const fraction = match[2] ?? "";
  if (whole === "" && fraction === "") return undefined;
  if (fraction.length > DECIMAL_SCALE) return undefined;
  return BigInt(whole || "0") * ONE + BigInt((fraction || "0").padEnd(DECIMAL_SCALE, "0"));
}
