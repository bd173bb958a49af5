import { describe, expect, it } from "vitest";
import { createRandom } from "../../test/createRandom.ts";
import { randomModel } from "../../test/randomModel.ts";
import { ShapeMismatchError, ValueOutOfRangeError } from "../errors/fixedPoint.ts";
import { flattenModel } from "../mlp/flattenModel.ts";
import { commitModel } from "./commitModel.ts";
import { packValues } from "./packValues.ts";
import { spongeHash } from "./spongeHash.ts";

describe("commitModel", () => {
  const model = randomModel({ widths: [16, 32, 4], scale: 8, random: createRandom(1n) });

  it("is the packed sponge over weights then biases, layer by layer", async () => {
    const values = flattenModel({ model });
    expect(values).toHaveLength(16 * 32 + 32 + 32 * 4 + 4);
    expect(values[0]).toBe(model.layers[0]!.weights[0]![0]);
    expect(values[16]).toBe(model.layers[0]!.weights[1]![0]);
    expect(values[512]).toBe(model.layers[0]!.bias[0]);
    const commitment = await commitModel({ model });
    expect(commitment).toBe(await spongeHash({ count: 676, words: packValues({ values }) }));
    expect(await commitModel({ model: structuredClone(model) })).toBe(commitment);
  });

  it("changes when any one parameter changes by one", async () => {
    const commitment = await commitModel({ model });
    const tweaked = structuredClone(model);
    tweaked.layers[1]!.bias[3]! += 1n;
    expect(await commitModel({ model: tweaked })).not.toBe(commitment);
    const swapped = structuredClone(model);
    swapped.layers[0]!.weights[0]![0]! += 1n;
    expect(await commitModel({ model: swapped })).not.toBe(commitment);
  });

  it("refuses out-of-range parameters and broken shapes", async () => {
    const bad = structuredClone(model);
    bad.layers[0]!.weights[2]![5] = 40000n;
    await expect(commitModel({ model: bad })).rejects.toThrowError(ValueOutOfRangeError);
    const ragged = structuredClone(model);
    ragged.layers[1]!.weights[0]!.pop();
    await expect(commitModel({ model: ragged })).rejects.toThrowError(ShapeMismatchError);
  });
});
