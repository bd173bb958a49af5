import type { Signals } from "./circuitSignals.ts";

export type ForgeRescaleRemainderParameters = {
  /** The honest named signals (`circuitSignals`). */
  signals: Signals;
  /** Index of the output layer (no ReLU), e.g. 1 for an 8-16-3 MLP. */
  layer: number;
  /** The output to raise. */
  j: number;
  scale: number;
  /** Q of that layer. */
  quotientBits: number;
};

/**
 * Attack (a) of the malicious-prover suite: output `j` raised by one, its rescale remainder lowered by 2^S.
 * q' * 2^S + r' = acc still holds: (q + 1) * 2^S + (r - 2^S); only r' < 0 is wrong, which the remainder's
 * bits cannot represent unless bit 0 holds -2^S + its value. Returns the edits; only the range check of
 * the remainder's bits catches them.
 *
 * @example
 * forgeWitness({ witness, symbols, edits: forgeRescaleRemainder({ signals, layer: 1, j: 0, scale: 8, quotientBits: 24 }) })
 */
export function forgeRescaleRemainder({
  signals,
  layer,
  j,
  scale,
  quotientBits,
}: ForgeRescaleRemainderParameters): Signals {
  const prefix = `main.layer${layer}`;
  const q = signals.get(`${prefix}.q[${j}]`) as bigint;
  const r = signals.get(`${prefix}.r[${j}]`) as bigint;
  const unit = 1n << BigInt(scale);
  const edits: Signals = new Map();
  const high = q + 1n + (1n << BigInt(quotientBits - 1));
  for (let t = 0; t < quotientBits; t++) edits.set(`${prefix}.bits[${j}].out[${scale + t}]`, (high >> BigInt(t)) & 1n);
  edits.set(`${prefix}.bits[${j}].out[0]`, (r & 1n) - unit);
  edits.set(`${prefix}.q[${j}]`, q + 1n);
  edits.set(`${prefix}.r[${j}]`, r - unit);
  edits.set(`${prefix}.y[${j}]`, q + 1n);
  edits.set(`main.outputs[${j}]`, q + 1n);
  return edits;
}
