import { readFile } from "node:fs/promises";
import { readR1csInfo } from "../circuit/readR1csInfo.ts";

export type ReadPublicSignalNamesParameters = {
  r1cs: string;
  /** The `.sym` file circom wrote beside the r1cs. */
  sym: string;
};
export type ReadPublicSignalNamesReturnType = string[];

/**
 * The names of a compiled circuit's public signals in public-signal order (witness indices 1..nPublic: the main's
 * outputs, then its public inputs), without the `main.` prefix, from the r1cs header and the .sym file.
 *
 * @example
 * await readPublicSignalNames({ r1cs, sym }) // ["modelCommitment", "inputCommitment", "binding", "score", "decision"]
 */
export async function readPublicSignalNames({
  r1cs,
  sym,
}: ReadPublicSignalNamesParameters): Promise<ReadPublicSignalNamesReturnType> {
  const { publicOutputs, publicInputs } = await readR1csInfo({ path: r1cs });
  const count = publicOutputs + publicInputs;
  const names: (string | undefined)[] = new Array(count).fill(undefined);
  // Each line: labelIndex,witnessIndex,componentIndex,name (witnessIndex -1 when --O2 removed the signal).
  for (const line of (await readFile(sym, "utf8")).split("\n")) {
    const [, witness, , name] = line.split(",");
    const index = Number(witness);
    if (name === undefined || !Number.isInteger(index) || index < 1 || index > count) continue;
    if (!name.startsWith("main.")) continue;
    names[index - 1] ??= name.slice("main.".length);
  }
  return names.map((name, i) => name ?? `<unnamed public signal ${i + 1}>`);
}
