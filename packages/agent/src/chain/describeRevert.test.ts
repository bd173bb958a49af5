import { BaseError as ViemBaseError } from "viem";
import { describe, expect, it } from "vitest";
import { describeRevert } from "./describeRevert.ts";

// Decoded custom errors (ERC20InsufficientBalance(...)) are checked on a live node in test/devnet.test.ts.
describe("describeRevert", () => {
  it("uses viem's short message when there is no decoded revert", () => {
    expect(describeRevert(new ViemBaseError("insufficient funds for gas * price + value", { details: "x" }))).toBe(
      "insufficient funds for gas * price + value",
    );
  });
  it("falls back to the message of other errors", () => {
    expect(describeRevert(new Error("socket hang up"))).toBe("socket hang up");
    expect(describeRevert("odd")).toBe("odd");
  });
});
