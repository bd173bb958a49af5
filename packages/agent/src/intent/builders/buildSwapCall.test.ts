import { describe, expect, it } from "vitest";
import { createClauseView } from "../createClauseView.ts";
import { readPhrases } from "../readPhrases.ts";
import { tokenize } from "../tokenize.ts";
import { buildSwapCall } from "./buildSwapCall.ts";

const build = (text: string, mode: "sell" | "buy", quote = false) => {
  const view = createClauseView({ items: readPhrases({ lexemes: tokenize({ text }) }) });
  return buildSwapCall({ view, verbIndex: 0, mode, quote });
};

describe("buildSwapCall", () => {
  it("reads what goes in from the amount and what comes out from the bare token", () => {
    expect(build("sell 250 usdc for weth", "sell")).toEqual({
      ok: true,
      call: { name: "swap_tokens", args: { tokenIn: "USDC", tokenOut: "WETH", amountIn: "250" } },
    });
    expect(build("buy WETH with 1,000 USDC", "buy")).toMatchObject({
      ok: true,
      call: { args: { tokenIn: "USDC", amountIn: "1000" } },
    });
    expect(build("buy $100 of weth", "buy")).toMatchObject({
      ok: true,
      call: { args: { tokenIn: "USDC", tokenOut: "WETH" } },
    });
  });
  it("reads slippage in basis points", () => {
    expect(build("swap 0.5 WETH to USDC with max 1% slippage", "sell")).toMatchObject({
      call: { args: { maxSlippageBps: 100 } },
    });
    expect(build("swap 1 weth to usdc slippage 50 bps", "sell")).toMatchObject({
      call: { args: { maxSlippageBps: 50 } },
    });
  });
  it("turns ETH <-> WETH into wrap and unwrap", () => {
    expect(build("convert 1 ETH to WETH", "sell")).toEqual({
      ok: true,
      call: { name: "wrap_eth", args: { amount: "1" } },
    });
    expect(build("swap 2 weth for eth", "sell")).toEqual({
      ok: true,
      call: { name: "unwrap_eth", args: { amount: "2" } },
    });
  });
  it("quotes one unit when a quote names no amount", () => {
    expect(build("price of weth", "sell", true)).toMatchObject({
      call: { name: "quote_swap", args: { amountIn: "1", tokenOut: "USDC" } },
    });
  });
  it("refuses exact-output, missing sides, two amounts and same-token swaps", () => {
    expect(build("buy 0.1 WETH with USDC", "buy")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/what you would receive/),
    });
    expect(build("trade usdc for 0.5 weth", "sell")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/what you would receive/),
    });
    expect(build("sell 1 weth", "sell")).toMatchObject({ ok: false, reason: expect.stringMatching(/which token/) });
    expect(build("swap 100 for weth", "sell")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/which token is 100/),
    });
    expect(build("buy 0.5 weth for 1000 usdc", "buy")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/two amounts/),
    });
    expect(build("swap 100 usdc for usdc", "sell")).toMatchObject({ ok: false });
    expect(build("swap 100 usdc for pepe", "sell")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/"pepe"/),
    });
    expect(build("swap 100 usdc for weth with 150% slippage", "sell")).toMatchObject({ ok: false });
    expect(build("swap 50% of my usdc for weth", "sell")).toMatchObject({ ok: false });
  });
});
