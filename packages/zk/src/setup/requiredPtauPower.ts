/**
 * The smallest ptau power a Groth16 setup of this circuit needs: snarkjs' domain must hold the
 * constraints plus one row per public signal plus one.
 *
 * @example
 * requiredPtauPower({ constraints: 4841, publicSignals: 6 }) // 13
 */
export function requiredPtauPower({
  constraints,
  publicSignals,
}: {
  constraints: number;
  publicSignals: number;
}): number {
  const rows = constraints + publicSignals + 1;
  let power = 0;
  while (2 ** power < rows) power++;
  return power;
}
