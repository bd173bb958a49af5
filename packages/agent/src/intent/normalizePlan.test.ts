import { describe, expect, it } from "vitest";
import { normalizePlan } from "./normalizePlan.ts";

describe("normalizePlan", () => {
  it("ignores key order, address case and amount spelling", () => {
    const a = normalizePlan({
      calls: [
        {
          name: "transfer_tokens",
          args: { to: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", amount: "1,000.50", token: "usdc" },
        },
      ],
    });
    const b = normalizePlan({
      calls: [
        {
          name: "transfer_tokens",
          args: { token: "USDC", amount: "1000.5", to: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8" },
        },
      ],
    });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
  it("reduces conditions to whether a call has one", () => {
    const corpus = normalizePlan({ calls: [{ name: "swap_tokens", args: {}, condition: true }] });
    const plan = normalizePlan({ calls: [{ name: "swap_tokens", args: {}, condition: "risk == low" }] });
    expect(plan).toEqual(corpus);
    expect(plan.calls[0]?.conditional).toBe(true);
    expect(normalizePlan({ calls: [{ name: "swap_tokens", args: {} }] }).calls[0]?.conditional).toBe(false);
  });
  it("drops account 'me' and keeps other accounts", () => {
    expect(normalizePlan({ calls: [{ name: "get_balances", args: { account: "me" } }] }).calls[0]?.args).toEqual({});
    expect(normalizePlan({ calls: [{ name: "get_balances", args: { account: "0xAB" } }] }).calls[0]?.args).toEqual({
      account: "0xab",
    });
  });
  it("tells refusals from plans and from different plans", () => {
    expect(normalizePlan({ calls: [], refusal: "no amount" }).refused).toBe(true);
    expect(normalizePlan({ calls: [], refuse: true }).refused).toBe(true);
    expect(normalizePlan({ calls: [] }).refused).toBe(false);
    const swap100 = normalizePlan({ calls: [{ name: "swap_tokens", args: { amountIn: "100" } }] });
    const swap10 = normalizePlan({ calls: [{ name: "swap_tokens", args: { amountIn: "10" } }] });
    expect(swap100).not.toEqual(swap10);
  });
});
