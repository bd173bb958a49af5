import { FIELD_MODULUS } from "../fixedPoint/constants.ts";

/**
 * Decodes a field element to the signed integer it stands for: values above p/2 are negative
 * (p - |x|), as a circuit's negative outputs come back in public signals.
 *
 * @example
 * fromField(FIELD_MODULUS - 5n) // -5n
 */
export function fromField(value: bigint): bigint {
  return value > FIELD_MODULUS / 2n ? value - FIELD_MODULUS : value;
}
