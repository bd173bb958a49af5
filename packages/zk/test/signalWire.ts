import { MissingSignalError } from "./errors/signals.ts";
import type { CircuitSymbols } from "./readSymbols.ts";

export type SignalWireParameters = { symbols: CircuitSymbols; name: string };
/** The signal's index in the witness, or `undefined` when circom's optimiser substituted it away. */
export type SignalWireReturnType = number | undefined;

/**
 * The witness index of a named signal. A name the circuit does not have throws `MissingSignalError`
 * (naming the signal and the circuit) rather than being skipped: a skipped name is how a renamed signal
 * silently turns an attack test into a no-op. A signal the optimiser substituted away is a real signal
 * with no wire of its own: `undefined`, its value follows from the wires that remain.
 *
 * @example
 * signalWire({ symbols, name: "main.layer1.bits[0].out[0]" }) // 1277
 */
export function signalWire({ symbols, name }: SignalWireParameters): SignalWireReturnType {
  const wire = symbols.wires.get(name);
  if (wire === undefined) {
    const component = `${name.slice(0, name.lastIndexOf("."))}.`;
    const siblings = [...symbols.wires.keys()].filter((other) => other.startsWith(component));
    throw new MissingSignalError({ signal: name, circuit: symbols.circuit, sym: symbols.sym, siblings });
  }
  return wire >= 0 ? wire : undefined;
}
