import { describe, expect, it } from "vitest";
import { createClauseView } from "../createClauseView.ts";
import { readPhrases } from "../readPhrases.ts";
import { tokenize } from "../tokenize.ts";
import { readSlippage } from "./readSlippage.ts";

const read = (text: string) =>
  readSlippage({ view: createClauseView({ items: readPhrases({ lexemes: tokenize({ text }) }) }) });

describe("readSlippage", () => {
  it("reads percentages and basis points", () => {
    expect(read("with max 1% slippage")).toEqual({ ok: true, bps: 100 });
    expect(read("slippage 50 bps")).toEqual({ ok: true, bps: 50 });
    expect(read("0.5% slippage tolerance")).toEqual({ ok: true, bps: 50 });
    expect(read("max 2%")).toEqual({ ok: true, bps: 200 });
    expect(read("nothing here")).toEqual({ ok: true, bps: undefined });
  });
  it("refuses fractions of a basis point, over 100% and shares of a balance", () => {
    expect(read("0.001% slippage").ok).toBe(false);
    expect(read("101% slippage").ok).toBe(false);
    expect(read("50% of my usdc").ok).toBe(false);
    expect(read("low slippage").ok).toBe(false);
  });
});
