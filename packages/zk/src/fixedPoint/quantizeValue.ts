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
 * round(value * 2^scale) as a signed 16-bit integer, ties toward +infinity. Throws `ValueOutOfRangeError` naming
 * `what` for anything that does not fit: NaN, ±Infinity, and finite values such as 1e308 whose scaled value overflows.
 *
 * @example
 * quantizeValue({ value: -1.5, scale: 8 }) // -384n
 */
export function quantizeValue({ value, scale, what = "value" }: QuantizeValueParameters): bigint {
  assertScale(scale);
  const scaled = Math.floor(value * 2 ** scale + 0.5);
  // Range-check while still a number: 1e308 * 2^8 is Infinity, which BigInt() refuses with a bare RangeError, and NaN
  // fails every comparison. An unsafe integer is reported as the value given (its scaled digits say nothing).
  if (!(scaled >= Number(VALUE_MIN) && scaled <= Number(VALUE_MAX))) {
    throw new ValueOutOfRangeError({
      what,
      value: Number.isSafeInteger(scaled) ? scaled : value,
      min: VALUE_MIN,
      max: VALUE_MAX,
    });
  }
  return BigInt(scaled);
}
