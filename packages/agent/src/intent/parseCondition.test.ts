import { describe, expect, it } from "vitest";
import { parseCondition } from "./parseCondition.ts";
import { readPhrases } from "./readPhrases.ts";
import { tokenize } from "./tokenize.ts";

const parse = (text: string) => {
  const items = readPhrases({ lexemes: tokenize({ text }) });
  return parseCondition({ items, start: 0 });
};
const textOf = (text: string) => {
  const result = parse(text);
  return result.ok ? result.condition.text : `refused: ${result.reason}`;
};

describe("parseCondition", () => {
  it("reads risk levels and comparisons", () => {
    expect(textOf("if the risk is low")).toBe("risk == low");
    expect(textOf("if the risk is not high")).toBe("risk != high");
    expect(textOf("if it is medium or lower")).toBe("risk <= medium");
    expect(textOf("if the risk is low or medium")).toBe("risk <= medium");
    expect(textOf("when it comes back below high")).toBe("risk < high");
    expect(textOf("provided the risk is at least medium")).toBe("risk >= medium");
    expect(textOf("if the WETH/USDC risk is moderate")).toBe("risk == medium");
    expect(textOf("if the risk score is below 0.3")).toBe("score < 0.3");
    expect(textOf("if score <= 40")).toBe("score <= 40");
  });
  it("stops where the action starts", () => {
    const items = readPhrases({ lexemes: tokenize({ text: "if the risk is low swap 100 USDC for WETH" }) });
    const result = parseCondition({ items, start: 0 });
    expect(result.ok && items[result.end]?.text).toBe("swap");
  });
  it("does not swallow the 'and' that joins the next step", () => {
    const items = readPhrases({ lexemes: tokenize({ text: "if the risk is low and swap" }) });
    const result = parseCondition({ items, start: 0 });
    expect(result.ok).toBe(true);
    expect(items[result.end]?.text).toBe("and");
  });
  it("refuses conditions it cannot read exactly", () => {
    expect(parse("if the risk is acceptable").ok).toBe(false);
    expect(parse("if the risk is low or high").ok).toBe(false);
    expect(parse("if the risk is").ok).toBe(false);
    expect(parse("if the risk is about low").ok).toBe(false);
  });
});
