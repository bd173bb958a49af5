import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "../../test/createRandom.ts";
import { type PreparedShape, prepareShape } from "../../test/prepareShape.ts";
import { randomModel } from "../../test/randomModel.ts";
import { commitInput } from "../commitment/commitInput.ts";
import { commitModel } from "../commitment/commitModel.ts";
import { ValueOutOfRangeError } from "../errors/fixedPoint.ts";
import { InvalidBindingError } from "../errors/proof.ts";
import { SetupMissingError } from "../errors/setup.ts";
import { FIELD_MODULUS } from "../fixedPoint/constants.ts";
import { forward } from "../fixedPoint/forward.ts";
import { terminateCurve } from "../setup/terminateCurve.ts";
import { prove } from "./prove.ts";

describe("prove", () => {
  let shape: PreparedShape;
  beforeAll(async () => {
    shape = await prepareShape({ widths: [8, 16, 3], seed: 31n, setup: true });
  });
  afterAll(terminateCurve);

  it("proves forward()'s output with public signals [modelCommitment, inputCommitment, binding, ...outputs]", async () => {
    // An input whose outputs include a negative one, to see the p - |x| encoding.
    const random = createRandom(32n);
    let input: bigint[] = [];
    for (;;) {
      input = Array.from({ length: 8 }, () => random.int(-1024n, 1024n));
      if (forward({ model: shape.model, input }).output.some((value) => value < 0n)) break;
    }
    const result = await prove({ model: shape.model, input, salt: 5n, binding: 77n, keepCurve: true });
    const { output } = forward({ model: shape.model, input });
    expect(result.output).toEqual(output);
    expect(result.rawOutput).toEqual(output.map((value) => (value < 0n ? FIELD_MODULUS + value : value)));
    expect(result.modelCommitment).toBe(await commitModel({ model: shape.model }));
    expect(result.inputCommitment).toBe(await commitInput({ input, salt: 5n }));
    expect(result.publicSignals).toEqual(
      [result.modelCommitment, result.inputCommitment, 77n, ...result.rawOutput].map((value) => value.toString()),
    );
    expect(result.calldata.pubSignals).toEqual(result.publicSignals.map(BigInt));
    expect(result.calldata.pA.every((value) => value > 0n)).toBe(true);
    expect(result.circuit).toBe(shape.circuit.key);
    expect(result.proveMs).toBeGreaterThan(0);
    expect(result.proof.protocol).toBe("groth16");
  });

  it("refuses out-of-range inputs and weights, naming the value and the range, before proving", async () => {
    await expect(prove({ model: shape.model, input: [0n, 0n, 40000n, 0n, 0n, 0n, 0n, 0n] })).rejects.toThrowError(
      /input\[2\] is 40000, outside the fixed-point range \[-32768, 32767\]/,
    );
    const bad = structuredClone(shape.model);
    bad.layers[1]!.weights[2]![4] = -40000n;
    await expect(prove({ model: bad, input: Array(8).fill(0n) })).rejects.toThrowError(ValueOutOfRangeError);
    await expect(prove({ model: bad, input: Array(8).fill(0n) })).rejects.toThrowError(/weights\[2\]\[4\] is -40000/);
  });

  it("refuses a binding outside the field and a shape with no setup", async () => {
    await expect(prove({ model: shape.model, input: Array(8).fill(0n), binding: FIELD_MODULUS })).rejects.toThrowError(
      InvalidBindingError,
    );
    const unset = randomModel({ widths: [2, 3, 1], scale: 6, random: createRandom(33n) });
    await expect(prove({ model: unset, input: [1n, 2n] })).rejects.toThrowError(SetupMissingError);
  });
});
