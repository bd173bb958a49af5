import { readFile } from "node:fs/promises";
import type { CompiledCircuit } from "../src/index.ts";

/** A circuit's signal names, for lookups by `signalWire`. */
export type CircuitSymbols = {
  /** The circuit's name, for errors. */
  circuit: string;
  /** The .sym file read. */
  sym: string;
  /** name -> wire; -1 when circom's optimiser substituted the signal away (the witness holds no value for it). */
  wires: ReadonlyMap<string, number>;
};
export type ReadSymbolsParameters = { circuit: Pick<CompiledCircuit, "name" | "sym"> };
export type ReadSymbolsReturnType = CircuitSymbols;

/**
 * Reads circom's `.sym` file (label, wire, component, name per line): every signal of the circuit, kept
 * or substituted away, so that `signalWire` can tell a renamed signal from an optimised one.
 *
 * @example
 * signalWire({ symbols: await readSymbols({ circuit }), name: "main.outputs[0]" }) // 4
 */
export async function readSymbols({ circuit }: ReadSymbolsParameters): Promise<ReadSymbolsReturnType> {
  const wires = new Map<string, number>();
  for (const line of (await readFile(circuit.sym, "utf8")).split("\n")) {
    const [, wire, , name] = line.split(",");
    if (name !== undefined && wire !== undefined) wires.set(name, Number(wire));
  }
  return { circuit: circuit.name, sym: circuit.sym, wires };
}
