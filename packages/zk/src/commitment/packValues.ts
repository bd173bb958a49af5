import { ValueOutOfRangeError } from "../errors/fixedPoint.ts";
import { VALUE_MAX, VALUE_MIN } from "../fixedPoint/constants.ts";
import { PACK_OFFSET, PACK_VALUE_BITS, PACK_VALUES_PER_WORD } from "./constants.ts";

export type PackValuesParameters = {
  values: readonly bigint[];
  /** Names the values in errors, e.g. "input" gives "input[3]". */
  what?: string;
};
export type PackValuesReturnType = bigint[];

/**
 * Packs signed 16-bit values fifteen to a field element (see `constants.ts`), checking each range.
 *
 * @example
 * packValues({ values: [-32768n, 0n, 1n] }) // [0n + 32768n * 2n ** 16n + 32769n * 2n ** 32n]
 */
export function packValues({ values, what = "value" }: PackValuesParameters): PackValuesReturnType {
  const words: bigint[] = [];
  values.forEach((value, i) => {
    if (value < VALUE_MIN || value > VALUE_MAX) {
      throw new ValueOutOfRangeError({ what: `${what}[${i}]`, value, min: VALUE_MIN, max: VALUE_MAX });
    }
    const slot = i % PACK_VALUES_PER_WORD;
    if (slot === 0) words.push(0n);
    const last = words.length - 1;
    words[last] = (words[last] as bigint) + ((value + PACK_OFFSET) << BigInt(PACK_VALUE_BITS * slot));
  });
  return words;
}
