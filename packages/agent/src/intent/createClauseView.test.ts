import { describe, expect, it } from "vitest";
import { createClauseView } from "./createClauseView.ts";
import { readPhrases } from "./readPhrases.ts";
import { tokenize } from "./tokenize.ts";

const view = (text: string) => createClauseView({ items: readPhrases({ lexemes: tokenize({ text }) }) });

describe("createClauseView", () => {
  it("binds amounts to the token written with them", () => {
    expect(view("swap 100 USDC for WETH").amounts.map((a) => a.symbol)).toEqual(["USDC"]);
    expect(view("swap 100 of my USDC for WETH").amounts.map((a) => a.symbol)).toEqual(["USDC"]);
    expect(view("swap USDC 100 for WETH").amounts.map((a) => a.symbol)).toEqual(["USDC"]);
    expect(view("swap $100 for WETH").amounts.map((a) => a.symbol)).toEqual(["USDC"]);
    expect(view("swap $2,500 of USDC into WETH").amounts.map((a) => a.symbol)).toEqual(["USDC"]);
    expect(view("swap $2,500 of USDC into WETH").tokens.map((t) => t.symbol)).toEqual(["WETH"]);
    expect(view("wrap 3").amounts.map((a) => a.symbol)).toEqual([undefined]);
  });
  it("leaves the received token bare", () => {
    const v = view("buy $100 of weth");
    expect(v.tokens.map((t) => t.symbol)).toEqual(["WETH"]);
    expect(view("swap 100 USDC for WETH").tokens.map((t) => [t.symbol, t.before])).toEqual([["WETH", "for"]]);
  });
  it("flags unknown and ambiguous tokens after a number", () => {
    expect(view("swap 100 DOGE for WETH").amounts[0]?.unknownToken).toBe("DOGE");
    expect(view("swap 100 seth for WETH").amounts[0]?.ambiguous?.candidates).toEqual(["ETH", "WETH"]);
  });
  it("keeps rates apart from amounts", () => {
    const v = view("swap 100 USDC for WETH with max 1% slippage");
    expect(v.amounts).toHaveLength(1);
    expect(v.rates).toHaveLength(1);
  });
});
