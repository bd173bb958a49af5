import { describe, expect, it } from "vitest";
import { MalformedProofError } from "../errors/proof.ts";
import { parseCalldata } from "./parseCalldata.ts";

describe("parseCalldata", () => {
  it("turns snarkjs' calldata text into typed bigints", () => {
    const text = '["0x01", "0x02"],[["0x03", "0x04"],["0x05", "0x06"]],["0x07", "0x08"],["0x09","0x0a","0x0b"]';
    expect(parseCalldata({ calldata: text })).toEqual({
      pA: [1n, 2n],
      pB: [
        [3n, 4n],
        [5n, 6n],
      ],
      pC: [7n, 8n],
      pubSignals: [9n, 10n, 11n],
    });
  });

  it("refuses text that is not snarkjs calldata", () => {
    expect(() => parseCalldata({ calldata: "nonsense" })).toThrowError(MalformedProofError);
    expect(() => parseCalldata({ calldata: '["0x01"],[],[],[]' })).toThrowError(/pB is not a pair of pairs|not a pair/);
    expect(() =>
      parseCalldata({ calldata: '["0x01","zz"],[["0x1","0x2"],["0x3","0x4"]],["0x1","0x2"],[]' }),
    ).toThrowError(/"zz" is not a hex number/);
  });
});
