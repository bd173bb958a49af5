import { randomBytes } from "node:crypto";

export type RandomSaltReturnType = bigint;

/**
 * 248 random bits: a salt for `commitInput` that always fits the BN254 scalar field.
 *
 * @example
 * const salt = randomSalt()
 */
export function randomSalt(): RandomSaltReturnType {
  return BigInt(`0x${randomBytes(31).toString("hex")}`);
}
