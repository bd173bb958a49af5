import { describe, expect, it } from "vitest";
import { fakeContext } from "../../test/helpers/fakeContext.ts";
import { unwrapEthTool } from "./unwrapEth.ts";

describe("unwrap_eth", () => {
  it("unwraps through the policy", async () => {
    const { context, sends } = fakeContext();
    expect(JSON.parse(await unwrapEthTool({ context }).invoke({ amount: "0.25" }))).toEqual({ hash: "0x05" });
    expect(sends()).toEqual([{ action: "unwrapEth", args: { amount: "0.25" } }]);
  });
  it("returns a failed send as text", async () => {
    const { context } = fakeContext({ failing: { unwrapEth: "WETH: insufficient balance" } });
    expect(await unwrapEthTool({ context }).invoke({ amount: "0.25" })).toBe("Error: WETH: insufficient balance");
  });
});
