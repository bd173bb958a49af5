import { r1cs as snarkjsR1cs } from "snarkjs";
import { FIELD_MODULUS, terminateCurve } from "../src/index.ts";

type LinearCombination = Record<string, string>;
export type R1csJson = { constraints: [LinearCombination, LinearCombination, LinearCombination][] };

/**
 * The constraints of an r1cs, loaded once (snarkjs' JSON export) for `failingConstraints`.
 *
 * @example
 * const r1cs = await loadR1cs({ path: circuit.r1cs });
 */
export async function loadR1cs({ path }: { path: string }): Promise<R1csJson> {
  try {
    return (await snarkjsR1cs.exportJson(path)) as R1csJson;
  } finally {
    await terminateCurve();
  }
}

/**
 * The indices of the constraints A * B = C that a witness violates, each with the wires it touches:
 * says not only that a forged witness fails but which check catches it.
 *
 * @example
 * failingConstraints({ r1cs, witness }) // [{ index: 4120, wires: [3301] }]
 */
export function failingConstraints({
  r1cs,
  witness,
}: {
  r1cs: R1csJson;
  witness: readonly bigint[];
}): { index: number; wires: number[] }[] {
  const evaluate = (lc: LinearCombination) => {
    let sum = 0n;
    for (const [wire, coefficient] of Object.entries(lc))
      sum += BigInt(coefficient) * (witness[Number(wire)] as bigint);
    return sum % FIELD_MODULUS;
  };
  const failing: { index: number; wires: number[] }[] = [];
  r1cs.constraints.forEach(([a, b, c], index) => {
    if ((evaluate(a) * evaluate(b) - evaluate(c)) % FIELD_MODULUS !== 0n) {
      const wires = [...new Set([a, b, c].flatMap((lc) => Object.keys(lc).map(Number)))].sort((x, y) => x - y);
      failing.push({ index, wires });
    }
  });
  return failing;
}
