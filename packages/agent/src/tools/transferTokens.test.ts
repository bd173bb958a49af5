import { describe, expect, it } from "vitest";
import { FRIEND, fakeContext, ME, STRANGER } from "../../test/helpers/fakeContext.ts";
import { transferTokensTool } from "./transferTokens.ts";

describe("transfer_tokens", () => {
  it("sends to an allowed recipient given as a DID, at its address", async () => {
    const { context, sends } = fakeContext();
    const out = await transferTokensTool({ context }).invoke({
      token: "USDC",
      amount: "5",
      to: `did:ethr:0x7a69:${FRIEND}`,
    });
    expect(JSON.parse(out)).toEqual({ hash: "0x03", gasUsed: "21000" });
    expect(sends()).toEqual([{ action: "transferTokens", args: { token: "USDC", amount: "5", to: FRIEND } }]);
  });
  it("refuses an unknown recipient", async () => {
    const { context, sends } = fakeContext();
    const out = await transferTokensTool({ context }).invoke({ token: "USDC", amount: "5", to: STRANGER });
    expect(out).toMatch(/^Refused \(recipient-allowlist\)/);
    expect(sends()).toEqual([]);
  });
  it("refuses over the per-transaction cap", async () => {
    const { context, sends } = fakeContext();
    const out = await transferTokensTool({ context }).invoke({ token: "ETH", amount: "2", to: ME });
    expect(out).toMatch(/^Refused \(per-transaction-cap\): 2 ETH is over/);
    expect(sends()).toEqual([]);
  });
  it("rejects an amount that is not a decimal", async () => {
    const { context } = fakeContext();
    await expect(transferTokensTool({ context }).invoke({ token: "USDC", amount: "all", to: ME })).rejects.toThrow();
  });
});
