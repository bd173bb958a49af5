import { describe, expect, it } from "vitest";
import { spendOf } from "./spendOf.ts";

describe("spendOf", () => {
  it("reads what each sending call spends", () => {
    expect(spendOf({ call: { name: "transfer_tokens", args: { token: "ETH", amount: "0.1", to: "0x" } } })).toEqual({
      token: "ETH",
      amount: "0.1",
    });
    expect(
      spendOf({ call: { name: "swap_tokens", args: { tokenIn: "WETH", tokenOut: "USDC", amountIn: "2" } } }),
    ).toEqual({
      token: "WETH",
      amount: "2",
    });
    expect(spendOf({ call: { name: "wrap_eth", args: { amount: "1" } } })).toEqual({ token: "ETH", amount: "1" });
    expect(spendOf({ call: { name: "unwrap_eth", args: { amount: "1" } } })).toEqual({ token: "WETH", amount: "1" });
    expect(spendOf({ call: { name: "request_verified_inference", args: { maxPayment: "2" } } })).toEqual({
      token: "USDC",
      amount: "2",
    });
    // A quick inference spends its quoted price; before it has one, its ceiling.
    expect(
      spendOf({ call: { name: "get_quick_inference", args: { maxPayment: "0.05", price: "0.01", payTo: "0x01" } } }),
    ).toEqual({ token: "USDC", amount: "0.01" });
    expect(spendOf({ call: { name: "get_quick_inference", args: { maxPayment: "0.05" } } })).toEqual({
      token: "USDC",
      amount: "0.05",
    });
  });
  it("has nothing for reads, registration and unknown tokens", () => {
    expect(spendOf({ call: { name: "get_balances", args: {} } })).toBeUndefined();
    expect(spendOf({ call: { name: "register_agent", args: { name: "x" } } })).toBeUndefined();
    expect(spendOf({ call: { name: "transfer_tokens", args: { token: "DOGE", amount: "1" } } })).toBeUndefined();
  });
});
