import { describe, expect, it } from "vitest";
import { WeakeningNotAppliedError } from "./errors/weakening.ts";
import { replaceOnce } from "./replaceOnce.ts";

describe("replaceOnce", () => {
  it("replaces the one occurrence", () => {
    expect(replaceOnce({ text: "a = Num2Bits(n);", from: "Num2Bits(n)", to: "Weak(n)", file: "x.circom" })).toBe(
      "a = Weak(n);",
    );
  });

  it.each([
    { text: "a = Bits(n);", found: 0 },
    { text: "a = Num2Bits(n); b = Num2Bits(n);", found: 2 },
  ])("refuses a source with $found occurrences, naming the file and the text", ({ text, found }) => {
    const replace = () => replaceOnce({ text, from: "Num2Bits(n)", to: "Weak(n)", file: "x.circom" });
    expect(replace).toThrowError(WeakeningNotAppliedError);
    expect(replace).toThrowError(`Cannot weaken x.circom: expected exactly one "Num2Bits(n)", found ${found}.`);
  });
});
