import { forward, type QuantizedMlp, quantizeValue, VALUE_MAX, VALUE_MIN, ValueOutOfRangeError } from "@convergence/zk";
import { describe, expect, it } from "vitest";
import { loadModel } from "../manifest/loadModel.ts";
import { createPrng } from "../random/createPrng.ts";
import { randomQuantizedMlp } from "../random/randomQuantizedMlp.ts";
import { buildRiskFeatures } from "../risk/buildRiskFeatures.ts";
import { generateMarketStates } from "../risk/generateMarketStates.ts";
import { createOnnxSession } from "../runtime/createOnnxSession.ts";
import { runOnnx } from "../runtime/runOnnx.ts";
import { buildInt64Onnx } from "./buildInt64Onnx.ts";
import { onnx } from "./proto.ts";
import { toNumber } from "./toNumber.ts";

const INPUTS_PER_SHAPE = 300;

/** Random 16-bit inputs, the extremes, and inputs that make layer 0's accumulators exact multiples of 2^S. */
function exactnessInputs({ width, scale, seed }: { width: number; scale: number; seed: number }): bigint[][] {
  const prng = createPrng({ seed });
  const min = Number(VALUE_MIN);
  const max = Number(VALUE_MAX);
  const unit = 2 ** scale;
  const fixed = [
    new Array(width).fill(0n),
    new Array(width).fill(VALUE_MAX),
    new Array(width).fill(VALUE_MIN),
    Array.from({ length: width }, (_, i) => (i % 2 === 0 ? VALUE_MAX : VALUE_MIN)),
    Array.from({ length: width }, (_, i) => (i % 2 === 0 ? VALUE_MIN : VALUE_MAX)),
    Array.from({ length: width }, () => -1n),
  ];
  const random = Array.from({ length: INPUTS_PER_SHAPE - fixed.length }, (_, n) =>
    Array.from({ length: width }, () => {
      if (n % 5 === 0) {
        // Multiples of 2^S: W x + b 2^S is then a multiple of 2^S (remainder 0).
        return BigInt(prng.int(Math.ceil(min / unit), Math.floor(max / unit)) * unit);
      }
      if (n % 5 === 1) return BigInt(prng.int(Math.max(min, -4 * unit), Math.min(max, 4 * unit))); // standardized range
      if (n % 5 === 2) return BigInt(prng.int(min, -1)); // negatives only
      return BigInt(prng.int(min, max));
    }),
  );
  return [...fixed, ...random];
}

/** Counts layer-0 accumulators by their remainder class, to show the inputs hit every case of the floor. */
function remainderCases(model: QuantizedMlp, inputs: bigint[][]) {
  const unit = 1n << BigInt(model.scale);
  const layer = model.layers[0]!;
  const cases = { exactMultiple: 0, negativeWithRemainder: 0, positiveWithRemainder: 0 };
  for (const x of inputs) {
    layer.weights.forEach((row, j) => {
      const acc = row.reduce((sum, w, i) => sum + w * x[i]!, layer.bias[j]! * unit);
      if (acc % unit === 0n) cases.exactMultiple++;
      else if (acc < 0n) cases.negativeWithRemainder++;
      else cases.positiveWithRemainder++;
    });
  }
  return cases;
}

async function expectExact(model: QuantizedMlp, inputs: bigint[][]) {
  const session = await createOnnxSession({ bytes: buildInt64Onnx({ model }) });
  let compared = 0;
  for (const input of inputs) {
    const { output } = await runOnnx({ session, input });
    const expected = forward({ model, input }).output;
    if (output.some((v, j) => v !== expected[j])) {
      throw new Error(`int64 ONNX ${output} !== forward ${expected} for input [${input}]`);
    }
    compared++;
  }
  await session.session.release();
  return compared;
}

describe("buildInt64Onnx", () => {
  it.each([
    { widths: [4, 8, 2], scale: 8, seed: 11 },
    { widths: [16, 32, 4], scale: 8, seed: 12 },
    { widths: [8, 16, 16, 3], scale: 6, seed: 13 },
    { widths: [4, 8, 2], scale: 14, seed: 14 },
    { widths: [4, 8, 2], scale: 1, seed: 15 },
  ])("equals forward() bit for bit on $widths at scale $scale", async ({ widths, scale, seed }) => {
    const model = randomQuantizedMlp({ widths, scale, seed });
    const inputs = exactnessInputs({ width: widths[0]!, scale, seed });
    const cases = remainderCases(model, inputs);
    expect(cases.exactMultiple).toBeGreaterThan(10);
    expect(cases.negativeWithRemainder).toBeGreaterThan(100);
    expect(cases.positiveWithRemainder).toBeGreaterThan(100);
    expect(await expectExact(model, inputs)).toBe(INPUTS_PER_SHAPE);
  });

  it("equals forward() bit for bit on risk-v1, for real market features and for extremes", async () => {
    const { quantized } = await loadModel({ name: "risk-v1" });
    const { markets } = generateMarketStates({ count: 200, seed: 4242 });
    const real = markets.map((market) =>
      buildRiskFeatures({ market }).map((value) => quantizeValue({ value, scale: quantized.scale })),
    );
    const extremes = exactnessInputs({ width: 8, scale: quantized.scale, seed: 7 }).slice(0, 100);
    expect(await expectExact(quantized, [...real, ...extremes])).toBe(300);
  });

  it("uses only integer operators: MatMul, Add, Mod (fmod=0), Sub, Div and Max, int64 in and out", () => {
    const model = randomQuantizedMlp({ widths: [4, 8, 2], scale: 8, seed: 1 });
    const decoded = onnx.ModelProto.decode(buildInt64Onnx({ model }));
    const ops = decoded.graph!.node!.map((node) => node.opType);
    expect(ops).toEqual([
      ...["MatMul", "Add", "Mod", "Sub", "Div", "Max"],
      ...["MatMul", "Add", "Mod", "Sub", "Div"], // no ReLU on the last layer
    ]);
    for (const node of decoded.graph!.node!.filter((n) => n.opType === "Mod")) {
      expect(node.attribute!.map((a) => [a.name, toNumber(a.i)])).toEqual([["fmod", 0]]);
    }
    expect(decoded.graph!.initializer!.every((t) => t.dataType === onnx.TensorProto.DataType.INT64)).toBe(true);
    expect(decoded.graph!.input![0]!.type!.tensorType!.elemType).toBe(onnx.TensorProto.DataType.INT64);
    expect(decoded.graph!.output![0]!.type!.tensorType!.elemType).toBe(onnx.TensorProto.DataType.INT64);
  });

  it("floors negative accumulators instead of truncating them", async () => {
    // acc = -7 * 1 + 0 = -7 at scale 2^2: floor(-7 / 4) = -2, truncation would give -1.
    const model: QuantizedMlp = { scale: 2, layers: [{ weights: [[-7n]], bias: [0n], relu: false }] };
    const { output } = await runOnnx({ bytes: buildInt64Onnx({ model }), input: [1n] });
    expect(output).toEqual([-2n]);
    expect(forward({ model, input: [1n] }).output).toEqual([-2n]);
  });

  it("is deterministic: the same model gives the same bytes", () => {
    const model = randomQuantizedMlp({ widths: [16, 32, 4], scale: 8, seed: 3 });
    expect(buildInt64Onnx({ model })).toEqual(buildInt64Onnx({ model: structuredClone(model) }));
  });

  it("leaves activation overflow to forward(), which rejects it (excluded from exactness by construction)", async () => {
    // Two layers of maximal weights: the second layer's activations exceed signed 32 bits.
    const big = (n: number, m: number) => Array.from({ length: m }, () => new Array<bigint>(n).fill(VALUE_MAX));
    const model: QuantizedMlp = {
      scale: 1,
      layers: [
        { weights: big(8, 8), bias: new Array(8).fill(0n), relu: true },
        { weights: big(8, 1), bias: [0n], relu: false },
      ],
    };
    const input = new Array<bigint>(8).fill(VALUE_MAX);
    expect(() => forward({ model, input })).toThrowError(ValueOutOfRangeError);
    // randomQuantizedMlp bounds later layers so that this cannot happen for any 16-bit input.
    const safe = randomQuantizedMlp({ widths: [8, 8, 1], scale: 1, seed: 5 });
    expect(forward({ model: safe, input }).output).toHaveLength(1);
  });
});
