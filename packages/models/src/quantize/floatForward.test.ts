import { describe, expect, it } from "vitest";
import { floatForward } from "./floatForward.ts";

describe("floatForward", () => {
  it("computes W x + b per layer with ReLU on the layers that have it", () => {
    const model = {
      layers: [
        {
          weights: [
            [1, -1],
            [2, 0.5],
          ],
          bias: [0, -10],
          relu: true,
        },
        { weights: [[1, 1]], bias: [-0.5], relu: false },
      ],
    };
    // h = relu([3 - 1, 6 + 0.5 - 10]) = [2, 0]; y = 2 + 0 - 0.5
    expect(floatForward({ model, input: [3, 1] })).toEqual([1.5]);
    // The last layer keeps negative outputs.
    expect(floatForward({ model, input: [0, 0] })).toEqual([-0.5]);
  });
});
