import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSymbols } from "../../test/readSymbols.ts";
import { signalWire } from "../../test/signalWire.ts";
import { circuitsDir } from "../paths/circuitsDir.ts";
import type { ProgressEvent } from "../setup/createProgress.ts";
import { requiredPtauPower } from "../setup/requiredPtauPower.ts";
import { compileCircuit } from "./compileCircuit.ts";
import { generateCircuitSource } from "./generateCircuitSource.ts";
import { readR1csInfo } from "./readR1csInfo.ts";

type Registry = {
  shapes: {
    name: string;
    widths: number[];
    relu: boolean[];
    scale: number;
    quotientBits: number[];
    parameters: number;
    constraints: number;
  }[];
};

describe("compileCircuit", async () => {
  const registry = JSON.parse(await readFile(join(circuitsDir(), "circuits.json"), "utf8")) as Registry;

  it.each(registry.shapes)(
    "compiles $name as circuits/circuits.json records it, within the 2^14 ptau",
    async (entry) => {
      const shape = { widths: entry.widths, relu: entry.relu, scale: entry.scale };
      const events: ProgressEvent[] = [];
      const circuit = await compileCircuit({ shape, onProgress: (event) => events.push(event) });
      expect(circuit.name).toBe(entry.name);
      expect(circuit.quotientBits).toEqual(entry.quotientBits);
      expect(generateCircuitSource({ shape }).quotientBits).toEqual(entry.quotientBits);
      expect(circuit.constraints).toBe(entry.constraints);
      expect(
        requiredPtauPower({ constraints: circuit.constraints, publicSignals: circuit.publicSignals }),
      ).toBeLessThanOrEqual(14);
      expect(events.length).toBeGreaterThan(0);

      const info = await readR1csInfo({ path: circuit.r1cs });
      expect(info).toMatchObject({
        constraints: entry.constraints,
        publicInputs: 3 + (entry.widths.at(-1) as number),
        publicOutputs: 0,
      });
      // Public signals come first in the witness, in the order the verifier and the attestor rely on.
      const symbols = await readSymbols({ circuit });
      const outputs = entry.widths.at(-1) as number;
      const order = ["main.modelCommitment", "main.inputCommitment", "main.binding"].concat(
        Array.from({ length: outputs }, (_, j) => `main.outputs[${j}]`),
      );
      expect(order.map((name) => signalWire({ symbols, name }))).toEqual(order.map((_, i) => i + 1));
      // Private: weights, biases, input, salt.
      expect(info.privateInputs).toBe(entry.parameters + (entry.widths[0] as number) + 1);
    },
  );

  it("reuses the cache: the same shape compiles once", async () => {
    const [entry] = registry.shapes;
    const shape = { widths: entry!.widths, relu: entry!.relu, scale: entry!.scale };
    const first = await compileCircuit({ shape });
    const events: ProgressEvent[] = [];
    const second = await compileCircuit({ shape, onProgress: (event) => events.push(event) });
    expect(second).toEqual(first);
    expect(events.map((event) => event.message)).toEqual([`${entry!.name}: compiled circuit cached in ${first.dir}`]);
  });

  it("keys the cache on the shape: another scale is another circuit", async () => {
    const a = generateCircuitSource({ shape: { widths: [8, 16, 3], relu: [true, false], scale: 8 } });
    const b = generateCircuitSource({ shape: { widths: [8, 16, 3], relu: [true, false], scale: 7 } });
    expect(a.name).not.toBe(b.name);
    expect(a.source).not.toBe(b.source);
  });
});
