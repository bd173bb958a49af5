import { ShapeMismatchError, ValueOutOfRangeError } from "../errors/fixedPoint.ts";
import { assertScale } from "./assertScale.ts";
import { ACTIVATION_MAX, ACTIVATION_MIN, VALUE_MAX, VALUE_MIN } from "./constants.ts";
import { floorDiv } from "./floorDiv.ts";
import type { QuantizedMlp } from "./types.ts";

export type ForwardParameters = { model: QuantizedMlp; input: readonly bigint[] };
/** The output of every layer; the last entry is the model's output. */
export type ForwardReturnType = { output: bigint[]; activations: bigint[][] };

function checkValue(what: string, value: bigint): void {
  if (value < VALUE_MIN || value > VALUE_MAX)
    throw new ValueOutOfRangeError({ what, value, min: VALUE_MIN, max: VALUE_MAX });
}

/**
 * The reference fixed-point forward pass: the integers the int64 ONNX model and the circuit must
 * reproduce exactly. See `constants.ts` for the arithmetic.
 *
 * @example
 * forward({ model, input: [256n, -128n] }).output
 */
export function forward({ model, input }: ForwardParameters): ForwardReturnType {
  assertScale(model.scale);
  const unit = 1n << BigInt(model.scale);
  input.forEach((value, i) => {
    checkValue(`input[${i}]`, value);
  });
  const activations: bigint[][] = [];
  let x: readonly bigint[] = input;
  model.layers.forEach((layer, k) => {
    const y = layer.weights.map((row, j) => {
      if (row.length !== x.length) {
        throw new ShapeMismatchError({
          what: `layer ${k} weights row ${j}`,
          expected: `${x.length} columns`,
          received: `${row.length}`,
        });
      }
      const bias = layer.bias[j];
      if (bias === undefined) {
        throw new ShapeMismatchError({
          what: `layer ${k} bias`,
          expected: `${layer.weights.length} entries`,
          received: `${layer.bias.length}`,
        });
      }
      checkValue(`layer ${k} bias[${j}]`, bias);
      let acc = bias * unit;
      for (let i = 0; i < row.length; i++) {
        const weight = row[i] as bigint;
        checkValue(`layer ${k} weights[${j}][${i}]`, weight);
        acc += weight * (x[i] as bigint);
      }
      // The range is checked before ReLU, as the circuit does: it decomposes the rescaled value.
      const v = floorDiv({ numerator: acc, divisor: unit });
      if (v < ACTIVATION_MIN || v > ACTIVATION_MAX) {
        throw new ValueOutOfRangeError({
          what: `layer ${k} activation ${j}`,
          value: v,
          min: ACTIVATION_MIN,
          max: ACTIVATION_MAX,
        });
      }
      return layer.relu && v < 0n ? 0n : v;
    });
    activations.push(y);
    x = y;
  });
  return { output: activations.at(-1) ?? [], activations };
}
