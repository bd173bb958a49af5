import { describe, expect, it } from "vitest";
import { resolveKeywordWord } from "./resolveKeywordWord.ts";

describe("resolveKeywordWord", () => {
  it("corrects misspelt action words", () => {
    expect(resolveKeywordWord({ word: "swpa" })).toBe("swap");
    expect(resolveKeywordWord({ word: "trasnfer" })).toBe("transfer");
    expect(resolveKeywordWord({ word: "unwarp" })).toBe("unwrap");
    expect(resolveKeywordWord({ word: "slipage" })).toBe("slippage");
    expect(resolveKeywordWord({ word: "Attestaton" })).toBe("attestation");
  });
  it("leaves short words, known words and far-off words alone", () => {
    expect(resolveKeywordWord({ word: "buy" })).toBeUndefined();
    expect(resolveKeywordWord({ word: "with" })).toBeUndefined();
    expect(resolveKeywordWord({ word: "joke" })).toBeUndefined();
    // Exact keywords are known words already: nothing to correct.
    expect(resolveKeywordWord({ word: "swap" })).toBeUndefined();
  });
});
