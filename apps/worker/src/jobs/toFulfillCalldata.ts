import type { FulfillCalldata } from "../chain/types.ts";
import { JobFailedError } from "../errors/jobs.ts";

type Pair = readonly [bigint, bigint];

/**
 * The Groth16 calldata `InferenceEscrow.fulfill` takes, from what snarkjs' `exportSolidityCallData` gives: its
 * string (`["0x..","0x.."],[[..],[..]],[..],[..]`), the same parsed as an array, `parseCalldata`'s
 * `{pA, pB, pC, pubSignals}` (@convergence/zk), or `{a, b, c, signals}`; numbers as bigints, decimal or hex strings.
 * Calldata is never encoded by hand: the numbers are snarkjs' own, including the swapped G2 coordinates.
 *
 * @example
 * const { a, b, c, signals } = toFulfillCalldata(await groth16.exportSolidityCallData(proof, publicSignals));
 */
export function toFulfillCalldata(calldata: unknown): FulfillCalldata {
  let value = calldata;
  try {
    if (typeof value === "string") value = JSON.parse(`[${value}]`);
    const [a, b, c, signals] = Array.isArray(value)
      ? value
      : [
          field(value, "a", "pA"),
          field(value, "b", "pB"),
          field(value, "c", "pC"),
          field(value, "signals", "pubSignals"),
        ];
    const pair = (v: unknown): Pair => {
      if (!Array.isArray(v) || v.length !== 2) throw new Error("expected a pair");
      return [BigInt(v[0] as string), BigInt(v[1] as string)];
    };
    if (!Array.isArray(b) || b.length !== 2 || !Array.isArray(signals) || signals.length === 0) {
      throw new Error("expected b as two pairs and a non-empty signals array");
    }
    return {
      a: pair(a),
      b: [pair(b[0]), pair(b[1])],
      c: pair(c),
      signals: signals.map((s) => BigInt(s as string)),
    };
  } catch (cause) {
    throw new JobFailedError({
      code: "PROVE_FAILED",
      message: `The prover's calldata is not snarkjs Groth16 calldata: ${(cause as Error).message}.`,
      cause,
    });
  }
}

function field(value: unknown, name: string, alias: string): unknown {
  const record = value as Record<string, unknown>;
  return record[name] ?? record[alias];
}
