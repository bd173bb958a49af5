import { decodeAbiParameters, encodeFunctionData, erc20Abi } from "viem";
import { describe, expect, it } from "vitest";
import { EXECUTE_BATCH_MODE, encodeExecuteBatch } from "./executeBatch.ts";

describe("encodeExecuteBatch", () => {
  it("encodes Execution[] (target, value, callData) as ERC7579Utils.decodeBatch reads it", () => {
    const to = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    const data = encodeFunctionData({ abi: erc20Abi, functionName: "transfer", args: [to, 5n] });
    const encoded = encodeExecuteBatch({
      calls: [
        { to, data },
        { to, value: 7n },
      ],
    });
    const [decoded] = decodeAbiParameters(
      [
        {
          type: "tuple[]",
          components: [
            { name: "target", type: "address" },
            { name: "value", type: "uint256" },
            { name: "callData", type: "bytes" },
          ],
        },
      ],
      encoded,
    );
    expect(decoded).toEqual([
      { target: to, value: 0n, callData: data },
      { target: to, value: 7n, callData: "0x" },
    ]);
  });

  it("uses the batch call type with the default exec type and no mode selector", () => {
    expect(EXECUTE_BATCH_MODE).toBe(`0x01${"00".repeat(31)}`);
  });
});
