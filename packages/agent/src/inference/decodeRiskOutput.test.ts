import { describe, expect, it } from "vitest";
import { InvalidRiskOutputError } from "../errors/inference.ts";
import { decodeRiskOutput } from "./decodeRiskOutput.ts";

describe("decodeRiskOutput", () => {
  it("takes the argmax label, softmax probabilities and the expected risk", () => {
    const out = decodeRiskOutput({ logits: [2, 0, -1] });
    expect(out.risk).toBe("low");
    const e = [Math.exp(2), 1, Math.exp(-1)];
    const sum = e[0]! + e[1]! + e[2]!;
    expect(out.probabilities.low).toBeCloseTo(e[0]! / sum, 12);
    expect(out.probabilities.high).toBeCloseTo(e[2]! / sum, 12);
    expect(out.score).toBeCloseTo(0.5 / sum + e[2]! / sum, 12);
  });
  it("reads negative logits and a high risk", () => {
    const out = decodeRiskOutput({ logits: [-4, -2, 1] });
    expect(out.risk).toBe("high");
    expect(out.score).toBeGreaterThan(0.5);
    expect(out.score).toBeLessThanOrEqual(1);
  });
  it("refuses outputs that are not three risk logits", () => {
    expect(() => decodeRiskOutput({ logits: [1, 2] })).toThrow(InvalidRiskOutputError);
    expect(() => decodeRiskOutput({ logits: [1, 2, 3], labels: ["a", "b", "c"] })).toThrow(/3 labels \(a, b, c\)/);
  });
});
