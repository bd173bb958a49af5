import { describe, expect, it } from "vitest";
import { readPhrases } from "./readPhrases.ts";
import { splitClauses } from "./splitClauses.ts";
import { tokenize } from "./tokenize.ts";

const split = (text: string) =>
  splitClauses({ items: readPhrases({ lexemes: tokenize({ text }) }) }).map((c) => c.map((i) => i.text).join(" "));

describe("splitClauses", () => {
  it("splits at separators and step words", () => {
    expect(split("wrap 1 eth; swap 1 weth for usdc")).toEqual(["wrap 1 eth", "swap 1 weth for usdc"]);
    expect(split("check my balance then swap 10 USDC to WETH")).toEqual(["check my balance", "swap 10 USDC to WETH"]);
    expect(split("wrap 2 ETH and then swap 2 WETH for USDC")).toEqual(["wrap 2 ETH", "swap 2 WETH for USDC"]);
    expect(split("wrap 2 eth, after that swap 2 weth for usdc, finally show my balances")).toEqual([
      "wrap 2 eth",
      "swap 2 weth for usdc",
      "show my balances",
    ]);
  });
  it("splits at 'and' only when a new step follows", () => {
    expect(split("show my balances and quote 1 weth to usdc")).toEqual(["show my balances", "quote 1 weth to usdc"]);
    expect(split("and if the risk is low swap")).toEqual(["and if the risk is low swap"]);
    expect(split("swap 100 usdc for weth and eth")).toEqual(["swap 100 usdc for weth and eth"]);
    expect(split("swap two and a half weth for usdc")).toEqual(["swap two and a half weth for usdc"]);
  });
  it("keeps thousands separators inside numbers", () => {
    expect(split("buy WETH with 1,000 USDC")).toEqual(["buy WETH with 1000 USDC"]);
  });
});
