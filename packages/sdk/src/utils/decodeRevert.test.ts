import { ContractFunctionRevertedError, encodeErrorResult, parseAbi, BaseError as ViemBaseError } from "viem";
import { describe, expect, it } from "vitest";
import { decodeRevert } from "./decodeRevert.ts";

// Reverts from a live node are decoded in the action tests (fulfillJob, openJob, refundJob) and test/worker/.
describe("decodeRevert", () => {
  const abi = parseAbi(["error PoolInsufficientOutput(uint256 amountOut, uint256 minOut)"]);
  const wrapped = (data: `0x${string}`) =>
    new ViemBaseError("The contract function failed.", {
      cause: new ContractFunctionRevertedError({ abi, data, functionName: "swapExactIn" }),
    });

  it("names a custom error with its arguments, found anywhere in the cause chain", () => {
    const data = encodeErrorResult({ abi, errorName: "PoolInsufficientOutput", args: [33n, 34n] });
    expect(decodeRevert(wrapped(data))).toMatchObject({
      reverted: true,
      errorName: "PoolInsufficientOutput",
      args: [33n, 34n],
      summary: "PoolInsufficientOutput(33, 34)",
    });
  });

  it("gives the revert string when the contract reverted with one", () => {
    const data = encodeErrorResult({
      abi: parseAbi(["error Error(string)"]),
      errorName: "Error",
      args: ["slippage"],
    });
    expect(decodeRevert(wrapped(data))).toMatchObject({ reverted: true, errorName: "Error", reason: "slippage" });
  });

  it("uses viem's short message when there is no decoded revert", () => {
    expect(decodeRevert(new ViemBaseError("insufficient funds for gas * price + value", { details: "x" }))).toEqual({
      reverted: false,
      errorName: undefined,
      args: undefined,
      reason: "insufficient funds for gas * price + value",
      summary: "insufficient funds for gas * price + value",
    });
  });

  it("falls back to the message of other errors and to the text of anything else", () => {
    expect(decodeRevert(new Error("socket hang up"))).toMatchObject({
      reverted: false,
      errorName: undefined,
      summary: "socket hang up",
    });
    expect(decodeRevert("odd").summary).toBe("odd");
  });
});
