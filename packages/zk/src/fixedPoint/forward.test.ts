import { describe, expect, it } from "vitest";
import { ShapeMismatchError, ValueOutOfRangeError } from "../errors/fixedPoint.ts";
import { forward } from "./forward.ts";
import type { QuantizedMlp } from "./types.ts";

// 2-2-1 at scale 2^2: hand-computed below.
const model: QuantizedMlp = {
  scale: 2,
  layers: [
    {
      weights: [
        [4n, -2n],
        [-3n, 1n],
      ],
      bias: [1n, -1n],
      relu: true,
    },
    { weights: [[2n, -5n]], bias: [-3n], relu: false },
  ],
};

describe("forward", () => {
  it("computes floor((W x + b * 2^S) / 2^S) with ReLU on hidden layers", () => {
    // h0 = floor((4*3 - 2*-5 + 4) / 4) = floor(26/4) = 6; h1 = floor((-9 - 5 - 4) / 4) = floor(-18/4) = -5 -> 0
    // y = floor((2*6 - 5*0 - 12) / 4) = 0
    expect(forward({ model, input: [3n, -5n] })).toEqual({ output: [0n], activations: [[6n, 0n], [0n]] });
    // h0 = floor((-4 - 2 + 4) / 4) = floor(-2/4) = -1 -> 0; h1 = floor((3 + 1 - 4) / 4) = 0
    // y = floor(-12/4) = -3 (negative outputs stay negative: no ReLU on the last layer)
    expect(forward({ model, input: [-1n, 1n] }).output).toEqual([-3n]);
    // h0 = floor((4 - 0 + 4)/4) = 2; h1 = floor((-3 - 4)/4) = floor(-7/4) = -2 -> 0; y = floor((4 - 12)/4) = -2
    expect(forward({ model, input: [1n, 0n] }).output).toEqual([-2n]);
  });

  it("rejects an input, weight or bias outside signed 16 bits, naming it", () => {
    expect(() => forward({ model, input: [32768n, 0n] })).toThrowError(/input\[0\] is 32768/);
    const bad = structuredClone(model);
    (bad.layers[1] as { weights: bigint[][] }).weights[0]![1] = -32769n;
    expect(() => forward({ model: bad, input: [1n, 1n] })).toThrowError(/layer 1 weights\[0\]\[1\] is -32769/);
    const badBias = structuredClone(model);
    badBias.layers[0]!.bias[1] = 40000n;
    expect(() => forward({ model: badBias, input: [1n, 1n] })).toThrowError(ValueOutOfRangeError);
  });

  it("rejects a rescaled value outside signed 24 bits, even one ReLU would zero", () => {
    const big: QuantizedMlp = {
      scale: 1,
      layers: [
        { weights: [Array(8).fill(-32768n)], bias: [0n], relu: true },
        { weights: [[1n]], bias: [0n], relu: false },
      ],
    };
    // acc = 8 * -32768 * 32767 = -8589672448 -> /2 = -4294836224 < -2^23
    expect(() => forward({ model: big, input: Array(8).fill(32767n) })).toThrowError(/layer 0 activation 0/);
  });

  it("accepts the largest rescaled value below 2^23 and rejects 2^23", () => {
    const edge: QuantizedMlp = { scale: 1, layers: [{ weights: [[256n, 256n, 256n]], bias: [0n], relu: false }] };
    // floor(256 * (x + y + z) / 2) = 128 * (x + y + z): 128 * 65535 = 8388480 fits, 128 * 65536 = 2^23 does not.
    expect(forward({ model: edge, input: [32767n, 32767n, 1n] }).output).toEqual([8388480n]);
    expect(() => forward({ model: edge, input: [32767n, 32767n, 2n] })).toThrowError(/8388608/);
  });

  it("rejects mismatched shapes", () => {
    expect(() => forward({ model, input: [1n, 2n, 3n] })).toThrowError(ShapeMismatchError);
    const noBias = structuredClone(model);
    noBias.layers[0]!.bias = [1n];
    expect(() => forward({ model: noBias, input: [1n, 2n] })).toThrowError(/layer 0 bias/);
  });
});
