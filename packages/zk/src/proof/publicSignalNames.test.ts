import { describe, expect, it } from "vitest";
import { publicSignalNames } from "./publicSignalNames.ts";

describe("publicSignalNames", () => {
  it("names the three signals the attestor checks by position, then each output with what it means", () => {
    expect(publicSignalNames({ outputs: ["low", "medium", "high"] })).toEqual([
      "modelCommitment",
      "inputCommitment",
      "binding",
      "outputs[0] (low)",
      "outputs[1] (medium)",
      "outputs[2] (high)",
    ]);
    expect(publicSignalNames({ outputs: [] })).toEqual(["modelCommitment", "inputCommitment", "binding"]);
  });
});
