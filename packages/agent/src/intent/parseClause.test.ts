import { describe, expect, it } from "vitest";
import { parseClause } from "./parseClause.ts";
import { readPhrases } from "./readPhrases.ts";
import { tokenize } from "./tokenize.ts";

const parse = (text: string) => parseClause({ items: readPhrases({ lexemes: tokenize({ text }) }) });

describe("parseClause", () => {
  it("reads a call with a leading or trailing condition", () => {
    const leading = parse("and if the risk is low swap 100 USDC for WETH");
    const trailing = parse("swap 100 USDC for WETH but only if the risk is low");
    for (const result of [leading, trailing]) {
      expect(result.kind).toBe("call");
      if (result.kind === "call") {
        expect(result.call.name).toBe("swap_tokens");
        expect(result.condition?.text).toBe("risk == low");
      }
    }
  });
  it("returns a condition alone and courtesy as empty", () => {
    expect(parse("if the risk is low").kind).toBe("condition");
    expect(parse("thanks").kind).toBe("empty");
  });
  it("refuses words that change the meaning when nothing explains them", () => {
    const result = parse("do not swap 100 usdc for weth");
    expect(result).toMatchObject({ kind: "refuse" });
    if (result.kind === "refuse") expect(result.reason).toMatch(/"not"/);
    expect(parse("swap 100 usdc for weth unless it drops").kind).toBe("refuse");
  });
  it("marks a step with no action so the caller can merge modifiers", () => {
    expect(parse("max 1% slippage")).toMatchObject({ kind: "refuse", noAction: true });
  });
});
