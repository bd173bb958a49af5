import { forward, InvalidScaleError } from "@convergence/zk";
import { describe, expect, it } from "vitest";
import { ScaleOverflowError } from "../errors/quantize.ts";
import { quantizeMlp } from "./quantizeMlp.ts";

const model = {
  layers: [
    { weights: [[1.5, -0.25]], bias: [-3.999], relu: true },
    { weights: [[2], [-1]], bias: [0.5, 0], relu: false },
  ],
};

describe("quantizeMlp", () => {
  it("rounds every weight and bias to round(v * 2^S), choosing S = 8 by default", () => {
    const q = quantizeMlp({ model });
    expect(q).toEqual({
      scale: 8,
      layers: [
        { weights: [[384n, -64n]], bias: [-1024n], relu: true }, // -3.999 * 256 = -1023.74 -> -1024
        { weights: [[512n], [-256n]], bias: [128n, 0n], relu: false },
      ],
    });
    // The fixed-point model computes what the float model does, to the resolution of the scale.
    // x = (4, 1): h = relu(1.5 * 4 - 0.25 - 3.999) ~ 1.75, y = (2h + 0.5, -h) = (4, -1.75), times 2^8.
    expect(forward({ model: q, input: [1024n, 256n] }).output).toEqual([1024n, -448n]);
  });

  it("takes an explicit scale and names the value and the range when it overflows", () => {
    expect(quantizeMlp({ model, scale: 12 }).layers[0]!.bias).toEqual([-16380n]);
    let error: unknown;
    try {
      quantizeMlp({ model, scale: 14 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScaleOverflowError);
    expect((error as Error).message).toMatch(/Scale 14 overflows: layer 0 bias \[0\] = -3.999 times 2\^14/);
    expect((error as Error).message).toMatch(/\[-32768, 32767\]/);
    expect((error as Error).message).toMatch(/at most 13/);
  });

  it("rejects a scale that is not an integer in [1, 14]", () => {
    for (const scale of [0, 15, 2.5, Number.NaN])
      expect(() => quantizeMlp({ model, scale })).toThrowError(InvalidScaleError);
  });
});
