import { describe, expect, it } from "vitest";
import { compileCircuit } from "../src/index.ts";
import { MissingSignalError, NothingForgedError } from "./errors/signals.ts";
import { forgeWitness } from "./forgeWitness.ts";
import { readSymbols } from "./readSymbols.ts";
import { signalWire } from "./signalWire.ts";

describe("signalWire and forgeWitness: forgeries find their signals by name, strictly", async () => {
  const circuit = await compileCircuit({ shape: { widths: [4, 8, 2], relu: [true, false], scale: 8 } });
  const symbols = await readSymbols({ circuit });

  it("gives a kept signal's wire, and undefined for one the optimiser substituted away", () => {
    expect(signalWire({ symbols, name: "main.outputs[0]" })).toBe(4);
    // Which signals --O2 substitutes is circom's choice: take one the .sym file marks -1.
    const substituted = [...symbols.wires].find(([, wire]) => wire === -1)?.[0] as string;
    expect(substituted).toBeTypeOf("string");
    expect(signalWire({ symbols, name: substituted })).toBeUndefined();
  });

  it("fails a name the circuit does not have, naming the signal and the circuit", () => {
    const lookup = () => signalWire({ symbols, name: "main.layer1.remainder[0]" });
    expect(lookup).toThrowError(MissingSignalError);
    expect(lookup).toThrowError(`Circuit ${circuit.name} has no signal named "main.layer1.remainder[0]".`);
    // The details point at the signals the component does have, so a rename is quick to follow.
    expect(lookup).toThrowError(/main\.layer1 has main\.layer1\.\w/);
  });

  it("refuses a forgery with one renamed signal among valid ones, leaving the witness unchanged", () => {
    const witness = Array.from({ length: symbols.wires.size + 1 }, (_, i) => BigInt(i));
    const before = [...witness];
    const edits = new Map([
      ["main.outputs[0]", 5n],
      ["main.layer1.bits[0].output[0]", 1n],
    ]);
    expect(() => forgeWitness({ witness, symbols, edits })).toThrowError(
      `Circuit ${circuit.name} has no signal named "main.layer1.bits[0].output[0]".`,
    );
    expect(witness).toEqual(before);
  });

  it("refuses a forgery whose every edit was optimised away: it would be the honest witness", () => {
    const substituted = [...symbols.wires].filter(([, wire]) => wire === -1).map(([name]) => name);
    const edits = new Map(substituted.slice(0, 3).map((name) => [name, 1n]));
    expect(() => forgeWitness({ witness: [1n], symbols, edits })).toThrowError(NothingForgedError);
  });
});
