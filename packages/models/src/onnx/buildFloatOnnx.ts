import type { FloatMlp } from "@convergence/zk";
import { createTensor } from "./createTensor.ts";
import { createValueInfo } from "./createValueInfo.ts";
import { encodeModel } from "./encodeModel.ts";
import type { OnnxTypes } from "./proto.ts";

/**
 * How each dense layer is written: `gemm-transB` as PyTorch exports `nn.Linear` (Gemm with the
 * [out, in] weight and transB=1), `gemm` (Gemm with an [in, out] weight), `matmul-add` as
 * Keras/tf2onnx exports `Dense` (MatMul then Add).
 */
export type FloatOnnxLayout = "gemm-transB" | "gemm" | "matmul-add";

export type BuildFloatOnnxParameters = {
  model: FloatMlp;
  /** Default "gemm-transB". */
  layout?: FloatOnnxLayout;
  /** Default 13. */
  opsetVersion?: number;
  /** Default "input". */
  inputName?: string;
  /** Default "output". */
  outputName?: string;
  /** The batch dimension: a symbolic name (default "batch") or the fixed size 1. */
  batch?: string | 1;
  /** Put a Flatten(axis=1) in front, as `nn.Flatten()` exports. Default false. */
  flattenInput?: boolean;
  /**
   * The declared feature dimension of the input: default the first layer's width; a name makes it symbolic, as
   * `torch.onnx.export(..., dynamic_axes={"input": {1: "features"}})` writes it (a shape `importOnnxMlp` refuses).
   */
  features?: string;
  /**
   * The operator written after each layer with `relu: true`. Default "Relu"; the others are what PyTorch writes for
   * `nn.Sigmoid` / `nn.Tanh`, operators the fixed-point circuit does not support (`importOnnxMlp` refuses them).
   */
  activation?: "Relu" | "Sigmoid" | "Tanh";
  producerName?: string;
  docString?: string;
};

export type BuildFloatOnnxReturnType = Uint8Array;

/**
 * Writes a float32 ONNX model of an MLP, laid out as common exporters do. The bytes are a pure
 * function of the parameters.
 *
 * @example
 * const bytes = buildFloatOnnx({ model: { layers: [{ weights: [[1, -1]], bias: [0.5], relu: false }] } })
 */
export function buildFloatOnnx(parameters: BuildFloatOnnxParameters): BuildFloatOnnxReturnType {
  const {
    model,
    layout = "gemm-transB",
    opsetVersion = 13,
    inputName = "input",
    outputName = "output",
    batch = "batch",
    flattenInput = false,
    features,
    activation = "Relu",
    producerName,
    docString,
  } = parameters;
  const nodes: OnnxTypes.INodeProto[] = [];
  const initializers: OnnxTypes.ITensorProto[] = [];
  const inputWidth = model.layers[0]?.weights[0]?.length ?? 0;
  const outputWidth = model.layers.at(-1)?.weights.length ?? 0;
  let current = inputName;
  if (flattenInput) {
    nodes.push({
      name: "flatten",
      opType: "Flatten",
      input: [current],
      output: ["flat"],
      attribute: [intAttribute("axis", 1)],
    });
    current = "flat";
  }
  model.layers.forEach((layer, k) => {
    const last = k === model.layers.length - 1;
    const n = layer.weights[0]?.length ?? 0;
    const m = layer.weights.length;
    const out = last && !layer.relu ? outputName : `fc${k}`;
    const weightName = `fc${k}.weight`;
    const biasName = `fc${k}.bias`;
    const transposed = Array.from({ length: n * m }, (_, idx) => layer.weights[idx % m]?.[Math.floor(idx / m)] ?? 0);
    if (layout === "gemm-transB") {
      initializers.push(
        createTensor({ name: weightName, dataType: "float32", dims: [m, n], values: layer.weights.flat() }),
      );
    } else {
      initializers.push(createTensor({ name: weightName, dataType: "float32", dims: [n, m], values: transposed }));
    }
    initializers.push(createTensor({ name: biasName, dataType: "float32", dims: [m], values: layer.bias }));
    if (layout === "matmul-add") {
      nodes.push({ name: `fc${k}_matmul`, opType: "MatMul", input: [current, weightName], output: [`fc${k}_mm`] });
      nodes.push({ name: `fc${k}_add`, opType: "Add", input: [`fc${k}_mm`, biasName], output: [out] });
    } else {
      nodes.push({
        name: `fc${k}_gemm`,
        opType: "Gemm",
        input: [current, weightName, biasName],
        output: [out],
        attribute: [
          floatAttribute("alpha", 1),
          floatAttribute("beta", 1),
          intAttribute("transB", layout === "gemm-transB" ? 1 : 0),
        ],
      });
    }
    current = out;
    if (layer.relu) {
      const node = `${activation.toLowerCase()}${k}`;
      const reluOut = last ? outputName : node;
      nodes.push({ name: node, opType: activation, input: [current], output: [reluOut] });
      current = reluOut;
    }
  });
  return encodeModel({
    graphName: "mlp",
    nodes,
    initializers,
    inputs: [createValueInfo({ name: inputName, dataType: "float32", dims: [batch, features ?? inputWidth] })],
    outputs: [createValueInfo({ name: outputName, dataType: "float32", dims: [batch, outputWidth] })],
    opsetVersion,
    ...(producerName ? { producerName } : {}),
    ...(docString ? { docString } : {}),
  });
}

function intAttribute(name: string, i: number): OnnxTypes.IAttributeProto {
  return { name, type: 2, i };
}

function floatAttribute(name: string, f: number): OnnxTypes.IAttributeProto {
  return { name, type: 1, f };
}
