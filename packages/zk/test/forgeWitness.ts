import { toField } from "../src/index.ts";
import type { Signals } from "./circuitSignals.ts";
import { NothingForgedError } from "./errors/signals.ts";
import type { CircuitSymbols } from "./readSymbols.ts";
import { signalWire } from "./signalWire.ts";

export type ForgeWitnessParameters = {
  /** A valid witness of the circuit `symbols` describes. */
  witness: readonly bigint[];
  symbols: CircuitSymbols;
  /** Named signals (signed values) to overwrite. */
  edits: Signals;
};
export type ForgeWitnessReturnType = bigint[];

/**
 * A copy of the witness with the named signals overwritten. Every name must exist in the circuit
 * (`MissingSignalError` otherwise); a signal the optimiser substituted away has no wire to write, and at
 * least one edit must land on a wire (`NothingForgedError`), or the "forgery" would be the honest witness.
 *
 * @example
 * const forged = forgeWitness({ witness, symbols, edits: new Map([["main.outputs[0]", 5n]]) });
 */
export function forgeWitness({ witness, symbols, edits }: ForgeWitnessParameters): ForgeWitnessReturnType {
  const forged = [...witness];
  let written = 0;
  for (const [name, value] of edits) {
    const wire = signalWire({ symbols, name });
    if (wire === undefined) continue;
    forged[wire] = toField(value);
    written++;
  }
  if (written === 0) {
    throw new NothingForgedError({ circuit: symbols.circuit, edits: [...edits.keys()] });
  }
  return forged;
}
