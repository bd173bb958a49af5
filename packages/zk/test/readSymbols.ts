import { readFile } from "node:fs/promises";

/**
 * Reads circom's `.sym` file (label, wire, component, name per line) into name -> wire for the
 * signals the optimiser kept (wire -1 means the signal was substituted away).
 *
 * @example
 * (await readSymbols({ path: circuit.sym })).get("main.outputs[0]") // 4
 */
export async function readSymbols({ path }: { path: string }): Promise<Map<string, number>> {
  const symbols = new Map<string, number>();
  for (const line of (await readFile(path, "utf8")).split("\n")) {
    const [, wire, , name] = line.split(",");
    if (name !== undefined && wire !== undefined && Number(wire) >= 0) symbols.set(name, Number(wire));
  }
  return symbols;
}
