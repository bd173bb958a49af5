import { groth16 } from "snarkjs";
import { describe, expect, it } from "vitest";
import { parseCalldata } from "./parseCalldata.ts";
import { proofFromCalldata } from "./proofFromCalldata.ts";

describe("proofFromCalldata", () => {
  it("undoes snarkjs' Solidity export: the proof and signals a chain transaction carries come back as snarkjs wrote them", async () => {
    const proof = {
      pi_a: ["11", "12", "1"],
      pi_b: [
        ["21", "22"],
        ["23", "24"],
        ["1", "0"],
      ],
      pi_c: ["31", "32", "1"],
      protocol: "groth16",
      curve: "bn128",
    };
    const publicSignals = ["5", "6", "7"];
    const calldata = parseCalldata({ calldata: await groth16.exportSolidityCallData(proof, publicSignals) });
    // The export swaps pB's coordinates for the precompile: the inverse swaps them back.
    expect(calldata.pB).toEqual([
      [22n, 21n],
      [24n, 23n],
    ]);
    expect(proofFromCalldata(calldata)).toEqual({ proof, publicSignals });
  });
});
