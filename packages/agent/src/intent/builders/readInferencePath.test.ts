import { describe, expect, it } from "vitest";
import { createClauseView } from "../createClauseView.ts";
import { readPhrases } from "../readPhrases.ts";
import { tokenize } from "../tokenize.ts";
import { readInferencePath } from "./readInferencePath.ts";

const read = (text: string) => {
  const view = createClauseView({ items: readPhrases({ lexemes: tokenize({ text }) }) });
  const result = readInferencePath({ view });
  const unused = view.items.filter((item, i) => item.kind === "word" && !view.used.has(i)).map((item) => item.text);
  return { result, unused };
};

describe("readInferencePath", () => {
  it.each([
    ["quick answer is fine", "quick answer"],
    ["an unproven score", "unproven"],
    ["unverified is ok", "unverified"],
    ["no proof needed", "no proof needed"],
    ["no zk proof", "no zk proof"],
    ["without a proof", "without a proof"],
    ["no need for a proof", "no need for a proof"],
    ["I don't need a proof", "not need a proof"],
    ["it does not need to be verified", "not need to be verified"],
    ["proof not required", "proof not required"],
    ["the proof is unnecessary", "proof is unnecessary"],
    ["pay over x402", "x402"],
  ])("%s asks for a quick answer", (text, said) => {
    const { result, unused } = read(text);
    expect(result).toEqual({ ok: true, path: "quick", said });
    // The negation is part of the phrase: it must not be left for the step to refuse on.
    expect(unused).not.toContain("no");
    expect(unused).not.toContain("not");
    expect(unused).not.toContain("without");
  });
  it.each([
    ["a verified score", "verified"],
    ["a proven score", "proven"],
    ["with a zk proof", "zk"],
  ])("%s asks for the verified path", (text, said) => {
    expect(read(text).result).toEqual({ ok: true, path: "verified", said });
  });
  it("defaults to the verified path, said by nobody", () => {
    expect(read("risk of WETH/USDC").result).toEqual({ ok: true, path: "verified", said: undefined });
  });
  it("does not read a negation of something else as no proof", () => {
    // "not skip the proof" keeps the proof, and "not" stays unused so the step can refuse on it.
    const { result, unused } = read("do not skip the proof");
    expect(result).toMatchObject({ ok: true, path: "verified" });
    expect(unused).toContain("not");
  });
  it("refuses both at once, naming what was said", () => {
    expect(read("a verified quick answer").result).toEqual({
      ok: false,
      reason:
        'you asked for a quick, unproven answer ("quick answer") and for a proven one ("verified"): say which one.',
    });
  });
});
