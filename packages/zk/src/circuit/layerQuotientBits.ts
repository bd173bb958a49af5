import { ACTIVATION_BITS, VALUE_BITS } from "../fixedPoint/constants.ts";

export type LayerQuotientBitsParameters = {
  /** Layer widths, input first. */
  widths: readonly number[];
  scale: number;
};
export type LayerQuotientBitsReturnType = number[];

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/**
 * The bit width Q of each layer's rescaled value in the circuit: the smallest signed width that holds
 * every value the range-checked weights, biases and inputs allow, capped at the ACTIVATION_BITS (24-bit)
 * activation range of the fixed-point contract. A layer whose worst case needs fewer bits gets fewer, which
 * saves constraints; the result is never narrower than a value `forward` accepts.
 *
 * @example
 * layerQuotientBits({ widths: [8, 16, 3], scale: 8 }) // [24, 24]
 */
export function layerQuotientBits({ widths, scale }: LayerQuotientBitsParameters): LayerQuotientBitsReturnType {
  const valueMax = 1n << BigInt(VALUE_BITS - 1); // |w|, |b|, |input| <= 2^15
  const activationMax = 1n << BigInt(ACTIVATION_BITS - 1);
  const unit = 1n << BigInt(scale);
  const bits: number[] = [];
  let xMax = valueMax;
  for (let k = 1; k < widths.length; k++) {
    const accMax = BigInt(widths[k - 1] as number) * valueMax * xMax + valueMax * unit;
    const qMax = (accMax + unit - 1n) / unit; // |floor(acc / 2^S)| <= ceil(accMax / 2^S)
    const q = Math.min(ACTIVATION_BITS, bitLength(qMax) + 1);
    bits.push(q);
    xMax = q === ACTIVATION_BITS ? activationMax : qMax;
  }
  return bits;
}
