import { describe, expect, it } from "vitest";
import { fakeContext, ME } from "../../test/helpers/fakeContext.ts";
import { guardedSend } from "./guardedSend.ts";

describe("guardedSend", () => {
  it("returns the result of an allowed send", async () => {
    const { context } = fakeContext();
    const call = { name: "transfer_tokens" as const, args: { token: "USDC", amount: "1", to: ME }, recipient: ME };
    expect(await guardedSend({ context, call, execute: async () => 42 })).toBe(42);
  });
  it("returns a refusal naming the rule and never runs the send", async () => {
    const { context } = fakeContext();
    let ran = false;
    const call = { name: "wrap_eth" as const, args: { amount: "100" } };
    const out = await guardedSend({ context, call, execute: async () => (ran = true) });
    expect(out).toMatch(
      /^Refused \(per-transaction-cap\): 100 ETH is over the per-transaction cap of 1 ETH\. Nothing was sent\.$/,
    );
    expect(ran).toBe(false);
  });
});
