import { describe, expect, it } from "vitest";
import { fakeContext } from "../../test/helpers/fakeContext.ts";
import { wrapEthTool } from "./wrapEth.ts";

describe("wrap_eth", () => {
  it("wraps through the policy and records the spend", async () => {
    const { context, sends } = fakeContext();
    expect(JSON.parse(await wrapEthTool({ context }).invoke({ amount: "0.5" }))).toEqual({ hash: "0x04" });
    expect(sends()).toEqual([{ action: "wrapEth", args: { amount: "0.5" } }]);
  });
  it("shows the revert reason of a failed simulation and sends nothing", async () => {
    const { context, sends } = fakeContext({
      simulate: async () => ({ ok: false, reason: "insufficient funds for gas * price + value" }),
    });
    expect(await wrapEthTool({ context }).invoke({ amount: "0.5" })).toMatch(
      /^Refused \(simulation\): .*insufficient funds/,
    );
    expect(sends()).toEqual([]);
  });
});
