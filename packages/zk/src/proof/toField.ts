import { FIELD_MODULUS } from "../fixedPoint/constants.ts";

/**
 * A signed integer as a BN254 field element: negatives become p - |x|, as circuit signals hold them.
 *
 * @example
 * toField(-1n) // p - 1
 */
export function toField(value: bigint): bigint {
  return ((value % FIELD_MODULUS) + FIELD_MODULUS) % FIELD_MODULUS;
}
