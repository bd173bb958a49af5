import { BaseError } from "./base.ts";

export class InvalidSaltError extends BaseError {
  override name = "InvalidSaltError";
  constructor({ salt }: { salt: bigint }) {
    super(`Salt ${salt} is not a BN254 scalar field element.`, {
      details: "expected 0 <= salt < 21888242871839275222246405745257275088548364400416034343698204186575808495617",
      metaMessages: ["Use randomSalt() to draw one."],
    });
  }
}
