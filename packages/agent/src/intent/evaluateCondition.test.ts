import { describe, expect, it } from "vitest";
import { evaluateCondition } from "./evaluateCondition.ts";
import type { PlanCondition } from "./types.ts";

const risk = (op: PlanCondition["op"], value: "low" | "medium" | "high"): PlanCondition => ({
  text: "",
  dependsOn: 0,
  field: "risk",
  op,
  value,
});

describe("evaluateCondition", () => {
  it("compares risk levels in order low < medium < high", () => {
    expect(evaluateCondition({ condition: risk("eq", "low"), output: { risk: "low" } })).toEqual({
      known: true,
      met: true,
      observed: "risk is low",
    });
    expect(evaluateCondition({ condition: risk("eq", "low"), output: { risk: "high" } })).toMatchObject({ met: false });
    expect(
      evaluateCondition({ condition: risk("le", "medium"), output: { output: { risk: "MEDIUM" } } }),
    ).toMatchObject({ met: true });
    expect(evaluateCondition({ condition: risk("ne", "high"), output: { riskLevel: "high" } })).toMatchObject({
      met: false,
    });
    expect(evaluateCondition({ condition: risk("lt", "high"), output: { label: "low" } })).toMatchObject({ met: true });
  });
  it("compares numeric scores", () => {
    const condition: PlanCondition = { text: "score < 0.3", dependsOn: 0, field: "score", op: "lt", value: 0.3 };
    expect(evaluateCondition({ condition, output: { score: 0.1 } })).toMatchObject({ met: true });
    expect(evaluateCondition({ condition, output: { score: "0.5" } })).toMatchObject({ met: false });
  });
  it("is unknown when the result does not carry what the condition needs", () => {
    expect(evaluateCondition({ condition: risk("eq", "low"), output: { score: 1 } })).toMatchObject({ known: false });
    expect(evaluateCondition({ condition: risk("eq", "low"), output: "low" })).toMatchObject({ known: false });
    expect(evaluateCondition({ condition: risk("eq", "low"), output: { risk: "tiny" } })).toMatchObject({
      known: false,
    });
  });
});
