import { ValueOutOfRangeError } from "../errors/fixedPoint.ts";
import { assertScale } from "./assertScale.ts";
import { VALUE_MAX, VALUE_MIN } from "./constants.ts";

export type QuantizeValueParameters = {
  value: number;
  scale: number;
  /** Names the value in the error if it does not fit, e.g. "input[3]". */
  what?: string;
};

/**
 * round(value * 2^scale) as a signed 16-bit integer, ties toward +infinity.
 *
 * @example
 * quantizeValue({ value: -1.5, scale: 8 }) // -384n
 */
export function quantizeValue({ value, scale, what = "value" }: QuantizeValueParameters): bigint {
  assertScale(scale);
  if (!Number.isFinite(value)) {
    throw new ValueOutOfRangeError({ what, value, min: VALUE_MIN, max: VALUE_MAX });
  }
  const q = BigInt(Math.floor(value * 2 ** scale + 0.5));
  if (q < VALUE_MIN || q > VALUE_MAX)
    throw new ValueOutOfRangeError({ what, value: q, min: VALUE_MIN, max: VALUE_MAX });
  return q;
}
