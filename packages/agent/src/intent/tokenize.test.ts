import { describe, expect, it } from "vitest";
import { tokenize } from "./tokenize.ts";

const kinds = (text: string) => tokenize({ text }).map((l) => `${l.kind}:${l.text}`);

describe("tokenize", () => {
  it("reads numbers with $, separators and leading dots", () => {
    expect(kinds("swap $1,000 for WETH")).toEqual(["word:swap", "number:1000", "word:for", "word:WETH"]);
    expect(tokenize({ text: "$100" })[0]).toEqual({ kind: "number", text: "100", currency: "USD" });
    expect(tokenize({ text: "100$" })[0]).toEqual({ kind: "number", text: "100", currency: "USD" });
    expect(kinds(".5 eth")).toEqual(["number:.5", "word:eth"]);
    expect(tokenize({ text: "1%" })[0]).toEqual({ kind: "number", text: "1", percent: true });
  });
  it("keeps an exponent with its number, so it is refused rather than read as a plain number", () => {
    expect(kinds("wrap 1e-4 eth")).toEqual(["word:wrap", "number:1e-4", "word:eth"]);
    expect(kinds("swap 1E308 usdc")).toEqual(["word:swap", "number:1E308", "word:usdc"]);
    expect(tokenize({ text: "$1e6" })[0]).toEqual({ kind: "number", text: "1e6", currency: "USD" });
    // No digits after the e: a word written against the number, as before.
    expect(kinds("2eth")).toEqual(["number:2", "word:eth"]);
  });
  it("marks words written against a number", () => {
    expect(tokenize({ text: "100usdc" })[1]).toEqual({ kind: "word", text: "usdc", lower: "usdc", attached: true });
    expect(tokenize({ text: "100 usdc" })[1]).toEqual({ kind: "word", text: "usdc", lower: "usdc" });
  });
  it("classifies 0x values by length", () => {
    const address = `0x${"a".repeat(40)}`;
    const hash = `0x${"b".repeat(64)}`;
    expect(kinds(`${address} ${hash} 0x1234`)).toEqual([`address:${address}`, `hash:${hash}`, "hex:0x1234"]);
    expect(tokenize({ text: `0x${"a".repeat(41)}` })[0]?.kind).toBe("hex");
  });
  it("reads DIDs and URLs whole, without trailing punctuation", () => {
    const did = `did:ethr:0x7a69:0x${"c".repeat(40)}`;
    expect(kinds(`resolve ${did}.`)).toEqual(["word:resolve", `did:${did}`, "separator:."]);
    expect(kinds("at http://127.0.0.1:8080.")).toEqual(["word:at", "url:http://127.0.0.1:8080", "separator:."]);
  });
  it("expands contractions so negations survive", () => {
    expect(kinds("don't swap")).toEqual(["word:do", "word:not", "word:swap"]);
    expect(kinds("what's it")).toEqual(["word:what", "word:is", "word:it"]);
    expect(kinds("can't")).toEqual(["word:can", "word:not"]);
  });
  it("reads quoted names, arrows and clause separators", () => {
    expect(kinds('named "my bot"; 2 WETH → USDC')).toEqual([
      "word:named",
      "quoted:my bot",
      "separator:;",
      "number:2",
      "word:WETH",
      "symbol:->",
      "word:USDC",
    ]);
  });
});
