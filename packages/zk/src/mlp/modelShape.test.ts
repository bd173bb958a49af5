import { describe, expect, it } from "vitest";
import { createRandom } from "../../test/createRandom.ts";
import { randomModel } from "../../test/randomModel.ts";
import { InvalidScaleError, ShapeMismatchError } from "../errors/fixedPoint.ts";
import { modelShape } from "./modelShape.ts";

describe("modelShape", () => {
  it("returns widths, ReLU flags, scale and parameter count", () => {
    const model = randomModel({ widths: [8, 16, 3], scale: 8, random: createRandom(3n) });
    expect(modelShape({ model })).toEqual({ widths: [8, 16, 3], relu: [true, false], scale: 8, parameterCount: 195 });
  });

  it("refuses inconsistent layers, ragged rows, missing biases and bad scales", () => {
    const model = randomModel({ widths: [4, 8, 2], scale: 8, random: createRandom(4n) });
    const mismatched = structuredClone(model);
    mismatched.layers[1]!.weights = mismatched.layers[1]!.weights.map((row) => row.slice(1));
    expect(() => modelShape({ model: mismatched })).toThrowError(/expected 8 columns \(layer 0's outputs\)/);
    const ragged = structuredClone(model);
    ragged.layers[0]!.weights[3]!.push(1n);
    expect(() => modelShape({ model: ragged })).toThrowError(/layer 0 weights row 3/);
    const noBias = structuredClone(model);
    noBias.layers[1]!.bias.pop();
    expect(() => modelShape({ model: noBias })).toThrowError(ShapeMismatchError);
    expect(() => modelShape({ model: { scale: 8, layers: [] } })).toThrowError(/at least one layer/);
    expect(() => modelShape({ model: { ...model, scale: 20 } })).toThrowError(InvalidScaleError);
  });
});
