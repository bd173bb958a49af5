import { wtns } from "snarkjs";
import type { CompiledCircuit } from "../src/index.ts";
import { failingConstraints, type R1csJson } from "./failingConstraints.ts";
import { writeWitness } from "./writeWitness.ts";

export type CheckWitnessParameters = {
  circuit: Pick<CompiledCircuit, "r1cs">;
  /** The same r1cs, loaded once by `loadR1cs`. */
  r1cs: R1csJson;
  witness: readonly bigint[];
  /** Where to write the `.wtns` file snarkjs reads. */
  path: string;
};
export type CheckWitnessReturnType = {
  /** snarkjs' `wtns check` verdict. */
  snarkjs: boolean;
  /** The constraints the witness violates, with their wires (`failingConstraints`). */
  failing: { index: number; wires: number[] }[];
};

/**
 * Judges a (forged) witness against a circuit twice: snarkjs' own `wtns check`, the verdict that counts,
 * and `failingConstraints`, which says which check catches it.
 *
 * @example
 * const { snarkjs, failing } = await checkWitness({ circuit, r1cs, witness: forged, path: join(dir, "forged.wtns") });
 */
export async function checkWitness({
  circuit,
  r1cs,
  witness,
  path,
}: CheckWitnessParameters): Promise<CheckWitnessReturnType> {
  await writeWitness({ path, witness });
  // snarkjs reports the failing constraint through logger.warn (and needs a logger to do so).
  const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
  const snarkjs = await wtns.check(circuit.r1cs, path, silent);
  return { snarkjs, failing: failingConstraints({ r1cs, witness }) };
}
