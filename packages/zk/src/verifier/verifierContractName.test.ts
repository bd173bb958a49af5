import { describe, expect, it } from "vitest";
import { InvalidContractNameError } from "../errors/verifier.ts";
import { verifierContractName } from "./verifierContractName.ts";

describe("verifierContractName", () => {
  it("PascalCases the model name and appends Verifier", () => {
    expect(verifierContractName({ model: "risk-v1" })).toBe("RiskV1Verifier");
    expect(verifierContractName({ model: "my_model.v2" })).toBe("MyModelV2Verifier");
  });

  it("refuses names that give no Solidity identifier", () => {
    expect(() => verifierContractName({ model: "---" })).toThrowError(InvalidContractNameError);
    expect(() => verifierContractName({ model: "1st-model" })).toThrowError(/does not give a Solidity contract name/);
  });
});
