import { describe, expect, it } from "vitest";
import {
  buildCircuitInput,
  commitInput,
  commitModel,
  forward,
  loadWitnessCalculator,
  randomSalt,
  toField,
} from "../src/index.ts";
import { circuitSignals } from "./circuitSignals.ts";
import { prepareShape } from "./prepareShape.ts";
import { randomInput } from "./randomInput.ts";
import { readSymbols } from "./readSymbols.ts";
import { signalWire } from "./signalWire.ts";

/**
 * Exactness: the circuit computes the reference forward pass bit for bit. The generated main asserts
 * `outputs === computed`, so a witness exists for (input, forward(input)) only if the circuit agrees;
 * the hidden activations and every named signal are compared too, and a claim of forward + 1 must fail.
 * (The int64 ONNX leg of this comparison lives in packages/models.)
 */
describe.each([
  { widths: [8, 16, 3], inputs: 200, seed: 11n },
  { widths: [4, 8, 2], inputs: 150, seed: 12n },
  { widths: [16, 32, 4], inputs: 100, seed: 13n },
])("circuit exactness for $widths", ({ widths, inputs, seed }) => {
  it(`equals forward() on ${inputs} random inputs, extremes and negatives included`, async () => {
    const { model, circuit, random } = await prepareShape({ widths, seed });
    const calculator = await loadWitnessCalculator({ circuit });
    const symbols = await readSymbols({ circuit });
    const modelCommitment = await commitModel({ model });
    const width = widths[0] as number;
    const cases = [
      Array(width).fill(32767n),
      Array(width).fill(-32768n),
      Array(width).fill(0n),
      ...Array.from({ length: inputs - 3 }, () => randomInput({ width, scale: model.scale, random })),
    ];
    let negativeOutputs = 0;
    let zeroedByRelu = 0;
    for (const [n, input] of cases.entries()) {
      const { output, activations } = forward({ model, input });
      const salt = randomSalt();
      const inputCommitment = await commitInput({ input, salt });
      const circuitInput = buildCircuitInput({
        model,
        input,
        salt,
        binding: BigInt(n),
        modelCommitment,
        inputCommitment,
        output,
      });
      const witness = await calculator.calculateWitness(circuitInput, true);
      // The public signals lead the witness: modelCommitment, inputCommitment, binding, outputs.
      expect(witness.slice(1, 4 + output.length)).toEqual([
        modelCommitment,
        inputCommitment,
        BigInt(n),
        ...output.map(toField),
      ]);
      // Every named signal the optimiser kept (hidden activations, products, range bits...) matches an
      // independent computation from forward()'s arithmetic; a name the circuit lacks fails (signalWire).
      const expected = circuitSignals({ model, input, quotientBits: circuit.quotientBits });
      const mismatches = [...expected].filter(([name, value]) => {
        const wire = signalWire({ symbols, name });
        return wire !== undefined && witness[wire] !== toField(value);
      });
      expect(mismatches, `input #${n}`).toEqual([]);
      activations.slice(0, -1).forEach((layer, k) => {
        layer.forEach((value, j) => {
          const wire = signalWire({ symbols, name: `main.layer${k}.y[${j}]` });
          expect(wire, `main.layer${k}.y[${j}] has a wire`).toBeTypeOf("number");
          expect(witness[wire as number]).toBe(toField(value));
        });
      });
      negativeOutputs += output.filter((value) => value < 0n).length;
      zeroedByRelu += (activations[0] ?? []).filter((value) => value === 0n).length;
      if (n % 25 === 0) {
        const wrong = {
          ...circuitInput,
          outputs: output.map((value, j) => toField(j === n % output.length ? value + 1n : value).toString()),
        };
        await expect(calculator.calculateWitness(wrong, true)).rejects.toThrowError(/Assert Failed/);
      }
    }
    // The random cases really exercised negative outputs and ReLU clipping.
    expect(negativeOutputs).toBeGreaterThan(0);
    expect(zeroedByRelu).toBeGreaterThan(0);
  });
});
