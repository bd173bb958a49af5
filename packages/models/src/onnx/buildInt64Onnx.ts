import { modelShape, type QuantizedMlp } from "@convergence/zk";
import { createTensor } from "./createTensor.ts";
import { createValueInfo } from "./createValueInfo.ts";
import { encodeModel } from "./encodeModel.ts";
import type { OnnxTypes } from "./proto.ts";

export type BuildInt64OnnxParameters = {
  model: QuantizedMlp;
  /** Default "input". */
  inputName?: string;
  /** Default "output". */
  outputName?: string;
};

export type BuildInt64OnnxReturnType = Uint8Array;

/** Opset 13: Max accepts int64 from opset 12, Mod exists from 10, MatMul/Add/Sub/Div take int64 throughout. */
const INT64_OPSET = 13;

/**
 * Emits the fixed-point model as an int64 ONNX graph whose outputs equal `forward()` from
 * `@convergence/zk` bit for bit. Per layer:
 *
 *   acc = MatMul(x, W^T) + b * 2^S           (int64 MatMul; exact, |acc| < 2^52 by the value ranges)
 *   y   = (acc - Mod(acc, 2^S)) / 2^S        (floor toward -infinity; see below)
 *   y   = Max(y, 0)                          (hidden layers, ReLU)
 *
 * onnxruntime's int64 Div truncates toward zero while Mod with fmod=0 takes the divisor's sign (a
 * floor modulo, in [0, 2^S)). Subtracting it first leaves an exact multiple of 2^S, so the
 * truncating Div is exact and the result is the floor, as in the circuit's quotient/remainder.
 * The input is already quantized (int64 [batch, n]); the output is int64 [batch, m].
 *
 * @example
 * const bytes = buildInt64Onnx({ model: quantizedMlp })
 */
export function buildInt64Onnx({
  model,
  inputName = "input",
  outputName = "output",
}: BuildInt64OnnxParameters): BuildInt64OnnxReturnType {
  const { widths, scale } = modelShape({ model });
  const unit = 1n << BigInt(scale);
  const nodes: OnnxTypes.INodeProto[] = [];
  const initializers: OnnxTypes.ITensorProto[] = [
    createTensor({ name: "scale_unit", dataType: "int64", dims: [], values: [unit] }),
    ...(model.layers.some((layer) => layer.relu)
      ? [createTensor({ name: "zero", dataType: "int64", dims: [], values: [0n] })]
      : []),
  ];
  let current = inputName;
  model.layers.forEach((layer, k) => {
    const n = widths[k] as number;
    const m = widths[k + 1] as number;
    const last = k === model.layers.length - 1;
    const weightsT = Array.from({ length: n * m }, (_, idx) => layer.weights[idx % m]?.[Math.floor(idx / m)] ?? 0n);
    initializers.push(
      createTensor({ name: `l${k}.weight_t`, dataType: "int64", dims: [n, m], values: weightsT }),
      createTensor({
        name: `l${k}.bias_scaled`,
        dataType: "int64",
        dims: [m],
        values: layer.bias.map((b) => b * unit),
      }),
    );
    const t = (suffix: string) => `l${k}.${suffix}`;
    const out = last ? outputName : t("out");
    const floorOut = layer.relu ? t("floor") : out;
    nodes.push(
      { name: t("matmul"), opType: "MatMul", input: [current, `l${k}.weight_t`], output: [t("mm")] },
      { name: t("add_bias"), opType: "Add", input: [t("mm"), `l${k}.bias_scaled`], output: [t("acc")] },
      {
        name: t("mod"),
        opType: "Mod",
        input: [t("acc"), "scale_unit"],
        output: [t("rem")],
        attribute: [{ name: "fmod", type: 2, i: 0 }],
      },
      { name: t("sub_rem"), opType: "Sub", input: [t("acc"), t("rem")], output: [t("exact")] },
      { name: t("div"), opType: "Div", input: [t("exact"), "scale_unit"], output: [floorOut] },
    );
    if (layer.relu) nodes.push({ name: t("relu"), opType: "Max", input: [floorOut, "zero"], output: [out] });
    current = out;
  });
  return encodeModel({
    graphName: "mlp_int64",
    nodes,
    initializers,
    inputs: [createValueInfo({ name: inputName, dataType: "int64", dims: ["batch", widths[0] as number] })],
    outputs: [createValueInfo({ name: outputName, dataType: "int64", dims: ["batch", widths.at(-1) as number] })],
    opsetVersion: INT64_OPSET,
    docString: `Fixed-point MLP ${widths.join("-")} at scale 2^${scale}: int64 in (already quantized), int64 out.`,
  });
}
