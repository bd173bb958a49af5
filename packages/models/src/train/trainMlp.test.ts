import { describe, expect, it } from "vitest";
import { InvalidTrainingDataError } from "../errors/train.ts";
import { argmax } from "../quantize/argmax.ts";
import { floatForward } from "../quantize/floatForward.ts";
import { createPrng } from "../random/createPrng.ts";
import { trainMlp } from "./trainMlp.ts";

// Two rings: a problem no linear model solves, so the hidden ReLU layer has to work.
const prng = createPrng({ seed: 21 });
const inputs = Array.from({ length: 600 }, () => [prng.uniform(-2, 2), prng.uniform(-2, 2)]);
const labels = inputs.map(([x, y]) => (x! * x! + y! * y! < 1.2 ? 0 : 1));

describe("trainMlp", () => {
  it("learns a non-linear boundary and lowers its loss", () => {
    const { model, losses } = trainMlp({ inputs, labels, widths: [2, 16, 2], seed: 1, epochs: 60 });
    const accuracy =
      inputs.filter((x, n) => argmax({ values: floatForward({ model, input: x }) }) === labels[n]).length /
      inputs.length;
    expect(accuracy).toBeGreaterThan(0.93);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! / 2);
    expect(model.layers.map((l) => l.relu)).toEqual([true, false]);
  });

  it("is deterministic and returns float32 parameters", () => {
    const a = trainMlp({ inputs, labels, widths: [2, 4, 2], seed: 2, epochs: 2 });
    const b = trainMlp({ inputs, labels, widths: [2, 4, 2], seed: 2, epochs: 2 });
    expect(a).toEqual(b);
    const all = a.model.layers.flatMap((l) => [...l.weights.flat(), ...l.bias]);
    expect(all.every((v) => Math.fround(v) === v)).toBe(true);
    expect(trainMlp({ inputs, labels, widths: [2, 4, 2], seed: 3, epochs: 2 }).model).not.toEqual(a.model);
  });

  it("rejects labels out of range, ragged inputs and mismatched lengths", () => {
    expect(() => trainMlp({ inputs, labels: labels.map(() => 2), widths: [2, 4, 2], seed: 1 })).toThrowError(
      /label 0 is 2, outside \[0, 2\)/,
    );
    expect(() => trainMlp({ inputs: [[1, 2, 3]], labels: [0], widths: [2, 4, 2], seed: 1 })).toThrowError(
      InvalidTrainingDataError,
    );
    expect(() => trainMlp({ inputs, labels: [0], widths: [2, 4, 2], seed: 1 })).toThrowError(/600 inputs and 1 labels/);
    expect(() => trainMlp({ inputs, labels, widths: [2], seed: 1 })).toThrowError(/two or more positive integers/);
  });
});
