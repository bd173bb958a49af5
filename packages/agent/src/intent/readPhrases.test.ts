import { describe, expect, it } from "vitest";
import { readPhrases } from "./readPhrases.ts";
import { tokenize } from "./tokenize.ts";

const E18 = 10n ** 18n;
const read = (text: string) => readPhrases({ lexemes: tokenize({ text }) });
const numbers = (text: string) => read(text).flatMap((i) => (i.kind === "number" ? [i.value] : []));

describe("readPhrases", () => {
  it("reads number words", () => {
    expect(numbers("half an eth")).toEqual([E18 / 2n]);
    expect(numbers("half a weth")).toEqual([E18 / 2n]);
    expect(numbers("a quarter weth")).toEqual([E18 / 4n]);
    expect(numbers("two and a half weth")).toEqual([(5n * E18) / 2n]);
    expect(numbers("one hundred and fifty usdc")).toEqual([150n * E18]);
    expect(numbers("twenty-five usdc")).toEqual([25n * E18]);
    expect(numbers("a thousand usdc")).toEqual([1000n * E18]);
    expect(numbers("ten bucks")).toEqual([10n * E18]);
    expect(numbers("an eth")).toEqual([E18]);
  });
  it("reads multipliers and units", () => {
    expect(numbers("1.5k usdc")).toEqual([1500n * E18]);
    expect(numbers("2 thousand usdc")).toEqual([2000n * E18]);
    const [pct] = read("1 percent");
    expect(pct).toMatchObject({ kind: "number", unit: "percent" });
    const [bps] = read("50 basis points");
    expect(bps).toMatchObject({ kind: "number", unit: "bps", value: 50n * E18 });
  });
  it("does not read a lone article or 'k' after a space as numbers", () => {
    expect(numbers("a verified risk score")).toEqual([]);
    expect(numbers("1 k")).toEqual([E18]);
  });
  it("marks negative numbers", () => {
    expect(read("-5 usdc")[0]).toMatchObject({ kind: "number", negative: true });
  });
  it("reads token names, multi-word names, typos and ambiguous typos", () => {
    const kinds = read("usd coin wrapped ether usdcc seth").map((i) => (i.kind === "token" ? i.symbol : i.kind));
    expect(kinds).toEqual(["USDC", "WETH", "USDC", "ambiguous"]);
  });
  it("splits a hyphenated pair into a market", () => {
    expect(read("weth-usdc").map((i) => i.kind)).toEqual(["token", "symbol", "token"]);
    expect(read("risk-bot").map((i) => i.kind)).toEqual(["word"]);
  });
  it("marks a number with more than 18 decimals as bad", () => {
    expect(read("0.0000000000000000001")[0]?.kind).toBe("badNumber");
  });
});
