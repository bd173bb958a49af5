import { describe, expect, it } from "vitest";
import { InvalidRiskOutputError } from "../errors/inference.ts";
import { decodeRiskOutput } from "./decodeRiskOutput.ts";

describe("decodeRiskOutput", () => {
  it("takes the argmax label, softmax probabilities and the expected risk", () => {
    const out = decodeRiskOutput({ outputs: [512n, 0n, -256n], scale: 8 });
    expect(out.logits).toEqual([2, 0, -1]);
    expect(out.risk).toBe("low");
    const e = [Math.exp(2), 1, Math.exp(-1)];
    const sum = e[0]! + e[1]! + e[2]!;
    expect(out.probabilities.low).toBeCloseTo(e[0]! / sum, 12);
    expect(out.probabilities.high).toBeCloseTo(e[2]! / sum, 12);
    expect(out.score).toBeCloseTo(0.5 / sum + e[2]! / sum, 12);
  });
  it("reads negative logits and a high risk", () => {
    const out = decodeRiskOutput({ outputs: [-1024n, -512n, 256n], scale: 8 });
    expect(out.risk).toBe("high");
    expect(out.score).toBeGreaterThan(0.5);
    expect(out.score).toBeLessThanOrEqual(1);
  });
  it("refuses outputs that are not three risk logits", () => {
    expect(() => decodeRiskOutput({ outputs: [1n, 2n], scale: 8 })).toThrow(InvalidRiskOutputError);
    expect(() => decodeRiskOutput({ outputs: [1n, 2n, 3n], scale: 8, labels: ["a", "b", "c"] })).toThrow(
      /3 labels \(a, b, c\)/,
    );
  });
});
