import { describe, expect, it } from "vitest";
import { JobFailedError } from "../errors/jobs.ts";
import { toFulfillCalldata } from "./toFulfillCalldata.ts";

describe("toFulfillCalldata", () => {
  const expected = {
    a: [1n, 2n],
    b: [
      [3n, 4n],
      [5n, 6n],
    ],
    c: [7n, 8n],
    signals: [9n, 10n, 11n],
  };

  it("reads snarkjs' exportSolidityCallData string, its parsed array and an {a,b,c,signals} object alike", () => {
    const text = '["0x01", "0x02"],[["0x03", "0x04"],["0x05", "0x06"]],["0x07", "0x08"],["0x09","0x0a","0x0b"]';
    expect(toFulfillCalldata(text)).toEqual(expected);
    expect(toFulfillCalldata(JSON.parse(`[${text}]`))).toEqual(expected);
    expect(
      toFulfillCalldata({
        a: ["1", "2"],
        b: [
          ["3", "4"],
          ["5", "6"],
        ],
        c: ["7", "8"],
        signals: ["9", "10", "11"],
      }),
    ).toEqual(expected);
    const fromZk = {
      pA: [1n, 2n],
      pB: [
        [3n, 4n],
        [5n, 6n],
      ],
      pC: [7n, 8n],
      pubSignals: [9n, 10n, 11n],
    };
    expect(toFulfillCalldata(fromZk)).toEqual(expected);
    // As stored: bigints written as decimal strings.
    expect(
      toFulfillCalldata(JSON.parse(JSON.stringify(fromZk, (_k, v) => (typeof v === "bigint" ? String(v) : v)))),
    ).toEqual(expected);
  });

  it.each([["not json"], [[["0x01"], [], [], []]], [{ a: [1, 2] }], [null]])("refuses %j as PROVE_FAILED", (bad) => {
    expect(() => toFulfillCalldata(bad)).toThrow(JobFailedError);
  });
});
