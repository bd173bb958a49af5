import { toFunctionSelector } from "viem";
import { describe, expect, it } from "vitest";
import { testContext } from "../../../test/context.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { sessionCall } from "./sessionCall.ts";
import { stackSessionCalls } from "./stackSessionCalls.ts";

describe("stackSessionCalls + sessionCall", () => {
  const { deployment } = testContext();

  it("allows the agent's calls on the stack, and no permit", () => {
    const calls = stackSessionCalls({ contracts: deployment.contracts });
    expect(calls).toContainEqual({
      target: deployment.contracts.Pool,
      selector: toFunctionSelector("swapExactIn(address,uint256,uint256,address,uint256)"),
    });
    expect(calls).toContainEqual({
      target: deployment.contracts.USDC,
      selector: toFunctionSelector("approve(address,uint256)"),
    });
    expect(
      calls.some(
        (c) =>
          c.selector ===
          toFunctionSelector(
            "openJobWithPermit(uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint8,bytes32,bytes32)",
          ),
      ),
    ).toBe(false);
  });

  it("refuses a function the ABI does not have", () => {
    expect(() => sessionCall({ target: deployment.contracts.USDC, abi: [], functionName: "transfer" })).toThrow(
      InvalidParameterError,
    );
  });
});
