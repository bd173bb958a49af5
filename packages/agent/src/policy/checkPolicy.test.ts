import { describe, expect, it } from "vitest";
import { checkPolicy } from "./checkPolicy.ts";
import { defaultPolicyConfig } from "./types.ts";

const config = defaultPolicyConfig;
const transfer = (amount: string) => ({
  name: "transfer_tokens" as const,
  args: { token: "USDC", amount, to: "0x01" },
});

describe("checkPolicy", () => {
  it("passes a send within every rule", () => {
    expect(checkPolicy({ config, call: transfer("5"), spentToday: {}, recipientAllowed: true })).toBeUndefined();
    expect(
      checkPolicy({ config, call: { name: "get_balances", args: {} }, spentToday: {}, recipientAllowed: undefined }),
    ).toBeUndefined();
  });
  it("refuses over the per-transaction cap", () => {
    expect(checkPolicy({ config, call: transfer("1000.000001"), spentToday: {}, recipientAllowed: true })).toEqual({
      rule: "per-transaction-cap",
      message: "1000.000001 USDC is over the per-transaction cap of 1000 USDC.",
    });
  });
  it("refuses over the daily cap with today's spending", () => {
    const violation = checkPolicy({
      config,
      call: transfer("600"),
      spentToday: { USDC: "4500" },
      recipientAllowed: true,
    });
    expect(violation?.rule).toBe("daily-cap");
    expect(violation?.message).toMatch(/4500 USDC already spent today/);
    expect(
      checkPolicy({ config, call: transfer("500"), spentToday: { USDC: "4500" }, recipientAllowed: true }),
    ).toBeUndefined();
  });
  it("refuses slippage over the ceiling, named or by default", () => {
    const swap = (maxSlippageBps?: number) => ({
      name: "swap_tokens" as const,
      args: {
        tokenIn: "USDC",
        tokenOut: "WETH",
        amountIn: "10",
        ...(maxSlippageBps === undefined ? {} : { maxSlippageBps }),
      },
    });
    expect(checkPolicy({ config, call: swap(500), spentToday: {} })?.rule).toBe("slippage-ceiling");
    expect(checkPolicy({ config, call: swap(100), spentToday: {} })).toBeUndefined();
    expect(checkPolicy({ config: { ...config, defaultSlippageBps: 200 }, call: swap(), spentToday: {} })?.rule).toBe(
      "slippage-ceiling",
    );
  });
  it("refuses a transfer to a recipient not allowed, or not checked", () => {
    expect(checkPolicy({ config, call: transfer("5"), spentToday: {}, recipientAllowed: false })?.rule).toBe(
      "recipient-allowlist",
    );
    expect(checkPolicy({ config, call: transfer("5"), spentToday: {} })?.rule).toBe("recipient-allowlist");
  });
  it("caps inference payments and wraps like any spend", () => {
    const inference = {
      name: "request_verified_inference" as const,
      args: { model: "risk-v1", subject: "WETH/USDC", maxPayment: "2000" },
    };
    expect(checkPolicy({ config, call: inference, spentToday: {} })?.rule).toBe("per-transaction-cap");
    expect(checkPolicy({ config, call: { name: "wrap_eth", args: { amount: "1.5" } }, spentToday: {} })?.rule).toBe(
      "per-transaction-cap",
    );
  });
  it("refuses tokens the policy does not cap and amounts that are not decimals", () => {
    expect(
      checkPolicy({
        config,
        call: { name: "transfer_tokens", args: { token: "DOGE", amount: "1", to: "0x" } },
        spentToday: {},
      })?.rule,
    ).toBe("unsupported-token");
    expect(checkPolicy({ config, call: transfer("everything"), spentToday: {}, recipientAllowed: true })?.rule).toBe(
      "per-transaction-cap",
    );
  });
  it("refuses a quick inference whose worker is not an allowed recipient, naming how to allow it", () => {
    const call = {
      name: "get_quick_inference" as const,
      args: { model: "risk-v1", subject: "WETH/USDC", maxPayment: "0.05", price: "0.01", payTo: "0x02" },
    };
    expect(checkPolicy({ config, call, spentToday: {}, recipientAllowed: true })).toBeUndefined();
    expect(checkPolicy({ config, call, spentToday: {}, recipientAllowed: false })).toEqual({
      rule: "recipient-allowlist",
      message:
        "the worker asks to be paid at 0x02, which is not one of your accounts nor on the allowlist in policy.json: if you trust this worker, add 0x02 to allowlist.addresses (a quick answer pays the worker directly, like a transfer).",
    });
    expect(
      checkPolicy({ config, call: { ...call, args: { ...call.args, price: "1000.01" } }, spentToday: {} })?.rule,
    ).toBe("per-transaction-cap");
  });
});
