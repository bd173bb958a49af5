import { describe, expect, it } from "vitest";
import { resolveTokenWord } from "./resolveTokenWord.ts";

describe("resolveTokenWord", () => {
  it("reads aliases in any case", () => {
    for (const [word, symbol] of [
      ["ETH", "ETH"],
      ["ether", "ETH"],
      ["WeTh", "WETH"],
      ["usdc", "USDC"],
      ["bucks", "USDC"],
      ["Dollars", "USDC"],
    ]) {
      expect(resolveTokenWord({ word: word! })).toEqual({ kind: "token", symbol, fuzzy: false });
    }
  });
  it("reads typos within a small edit distance", () => {
    expect(resolveTokenWord({ word: "usdcc" })).toEqual({ kind: "token", symbol: "USDC", fuzzy: true });
    expect(resolveTokenWord({ word: "wteh" })).toEqual({ kind: "token", symbol: "WETH", fuzzy: true });
    expect(resolveTokenWord({ word: "UDSC" })).toEqual({ kind: "token", symbol: "USDC", fuzzy: true });
    expect(resolveTokenWord({ word: "etherium" })).toEqual({ kind: "token", symbol: "ETH", fuzzy: true });
  });
  it("calls a typo as close to two tokens ambiguous", () => {
    expect(resolveTokenWord({ word: "seth" })).toEqual({ kind: "ambiguous", candidates: ["ETH", "WETH"] });
  });
  it("never reads English words or other tickers as typos", () => {
    for (const word of ["with", "use", "other", "usdt", "dai", "the", "doge", "xyzzy", "et"]) {
      expect(resolveTokenWord({ word })).toEqual({ kind: "none" });
    }
  });
});
