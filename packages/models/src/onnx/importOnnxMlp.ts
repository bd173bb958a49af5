import { readFileSync } from "node:fs";
import type { FloatLayer, FloatMlp } from "@convergence/zk";
import {
  OnnxDecodeError,
  UnsupportedDataTypeError,
  UnsupportedGraphError,
  UnsupportedOperatorError,
  UnsupportedOpsetError,
  UnsupportedShapeError,
} from "../errors/onnx.ts";
import { createTensor } from "./createTensor.ts";
import { DATA_TYPE_NAMES, DataType, type OnnxTypes, onnx } from "./proto.ts";
import { readTensor } from "./readTensor.ts";
import { toNumber } from "./toNumber.ts";

export type ImportOnnxMlpParameters = { bytes: Uint8Array; path?: undefined } | { path: string; bytes?: undefined };

export type ImportOnnxMlpReturnType = {
  model: FloatMlp;
  inputName: string;
  outputName: string;
  /** The declared input shape, batch first: a string is a symbolic dimension. */
  inputShape: (number | string)[];
  opsetVersion: number;
  producerName: string;
};

/** A decoded node with protobuf's optional fields filled in. */
type Node = {
  name: string;
  opType: string;
  domain: string;
  input: string[];
  output: string[];
  attribute: OnnxTypes.IAttributeProto[];
};

/**
 * Reads a float32 ONNX MLP (Gemm or MatMul + Add, Relu, no-op Flatten/Reshape) into a `FloatMlp`,
 * after checking that the graph is a single chain with static shapes that this package supports.
 *
 * @example
 * const { model } = importOnnxMlp({ path: "model.onnx" })
 * model.layers.map((layer) => layer.weights.length) // [16, 3]
 */
export function importOnnxMlp(parameters: ImportOnnxMlpParameters): ImportOnnxMlpReturnType {
  const source = parameters.path ?? "the given bytes";
  const bytes = parameters.path !== undefined ? readFileSync(parameters.path) : parameters.bytes;
  let decoded: OnnxTypes.ModelProto;
  try {
    decoded = onnx.ModelProto.decode(bytes);
  } catch (cause) {
    throw new OnnxDecodeError({ source, cause });
  }
  const graph = decoded.graph;
  if (!graph) throw new OnnxDecodeError({ source, cause: new Error("the model has no graph") });

  const opsetVersion = defaultOpset(decoded);
  if (opsetVersion === undefined || opsetVersion < 9) throw new UnsupportedOpsetError({ opset: opsetVersion });

  const nodes: Node[] = (graph.node ?? []).map((node) => ({
    name: node.name ?? "",
    opType: node.opType ?? "",
    domain: node.domain ?? "",
    input: (node.input ?? []).map(String),
    output: (node.output ?? []).map(String),
    attribute: node.attribute ?? [],
  }));
  const constants = new Map<string, OnnxTypes.ITensorProto>();
  for (const tensor of graph.initializer ?? []) constants.set(tensor.name ?? "", tensor);
  const constantNodes = new Set<Node>();
  for (const node of nodes) {
    if (node.opType === "Constant" && !node.domain) {
      const value = node.attribute.find((a) => a.name === "value")?.t;
      if (!value)
        throw new UnsupportedOperatorError({
          opType: "Constant",
          node: nodeName(node),
          reason: "only a tensor `value` is supported",
        });
      constants.set(node.output[0] ?? "", value);
      constantNodes.add(node);
    }
    // Some exporters write a Linear layer as MatMul(x, Transpose(W)): fold a transpose of a constant matrix.
    const transposed = node.opType === "Transpose" && !node.domain ? constants.get(node.input[0] ?? "") : undefined;
    if (transposed) {
      const read = readTensor({ tensor: transposed, what: `Transpose ${nodeName(node)} input` });
      const perm = node.attribute.find((a) => a.name === "perm")?.ints?.map(toNumber) ?? [1, 0];
      if (read.dataType === "float32" && read.dims.length === 2 && perm.join(",") === "1,0") {
        const [rows, cols] = read.dims as [number, number];
        const values = Array.from(
          { length: rows * cols },
          (_, idx) => read.values[(idx % rows) * cols + Math.floor(idx / rows)] as number,
        );
        constants.set(
          node.output[0] ?? "",
          createTensor({ name: node.output[0] ?? "", dataType: "float32", dims: [cols, rows], values }),
        );
        constantNodes.add(node);
      }
    }
  }

  const graphOutputs = graph.output ?? [];
  const inputs = (graph.input ?? []).filter((input) => !constants.has(input.name ?? ""));
  if (inputs.length !== 1) {
    throw new UnsupportedGraphError({
      problem: `expected exactly one graph input besides the initializers, found ${inputs.length} (${inputs.map((i) => i.name).join(", ") || "none"})`,
    });
  }
  if (graphOutputs.length !== 1) {
    throw new UnsupportedGraphError({ problem: `expected exactly one graph output, found ${graphOutputs.length}` });
  }
  const input = inputs[0] as OnnxTypes.IValueInfoProto;
  const output = graphOutputs[0] as OnnxTypes.IValueInfoProto;
  const inputName = input.name ?? "";
  const outputName = output.name ?? "";
  const inputShape = readInput(input);
  checkOutputType(output);

  const consumers = new Map<string, Node[]>();
  for (const node of nodes) {
    if (constantNodes.has(node)) continue;
    for (const name of node.input) {
      const users = consumers.get(name) ?? [];
      if (!name || constants.has(name) || users.includes(node)) continue;
      consumers.set(name, [...users, node]);
    }
  }
  const visited = new Set<Node>();
  const next = (tensor: string): Node | undefined => {
    const users = consumers.get(tensor) ?? [];
    if (users.length > 1) {
      throw new UnsupportedGraphError({
        problem: `"${tensor}" feeds ${users.length} nodes (${users.map(nodeName).join(", ")}); only a single chain is supported`,
      });
    }
    const node = users[0];
    if (node && tensor === outputName) {
      throw new UnsupportedGraphError({
        problem: `the graph output "${outputName}" is also consumed by ${nodeName(node)}`,
      });
    }
    if (node) {
      if (visited.has(node))
        throw new UnsupportedGraphError({ problem: `the graph has a cycle through ${nodeName(node)}` });
      visited.add(node);
      if (node.domain && node.domain !== "ai.onnx") {
        throw new UnsupportedOperatorError({
          opType: `${node.domain}.${node.opType}`,
          node: nodeName(node),
          reason: "custom domains are not supported",
        });
      }
    }
    return node;
  };

  const layers: FloatLayer[] = [];
  let width = inputShape.slice(1).reduce<number>((a, b) => a * (b as number), 1);
  let rank = inputShape.length;
  let current = inputName;
  for (let node = next(current); node; node = next(current)) {
    const out = node.output[0] ?? "";
    switch (node.opType) {
      case "Identity":
      case "Dropout":
        current = out;
        break;
      case "Flatten": {
        const axis = intAttribute(node, "axis", 1);
        if (axis !== 1) {
          throw new UnsupportedOperatorError({
            opType: "Flatten",
            node: nodeName(node),
            reason: `axis=${axis}; only axis=1 keeps the batch dimension`,
          });
        }
        rank = 2;
        current = out;
        break;
      }
      case "Reshape": {
        const shapeTensor = constants.get(node.input[1] ?? "");
        if (!shapeTensor) {
          throw new UnsupportedOperatorError({
            opType: "Reshape",
            node: nodeName(node),
            reason: "its target shape must be a constant",
          });
        }
        const target = readTensor({ tensor: shapeTensor, what: `Reshape ${nodeName(node)} shape` });
        const dims = target.values.map(Number);
        const ok =
          dims.length === 2 &&
          [-1, 0, 1].includes(dims[0] as number) &&
          (dims[1] === width || (dims[1] === -1 && dims[0] !== -1) || (dims[1] === 0 && rank === 2));
        if (!ok) {
          throw new UnsupportedShapeError({
            what: `Reshape ${nodeName(node)}`,
            expected: `a no-op reshape to [batch, ${width}] such as [-1, ${width}] or [1, -1]`,
            received: `[${dims.join(", ")}]`,
          });
        }
        rank = 2;
        current = out;
        break;
      }
      case "Gemm":
      case "MatMul": {
        if (rank !== 2) {
          throw new UnsupportedShapeError({
            what: `the input of ${node.opType} ${nodeName(node)}`,
            expected: "[batch, features]",
            received: `rank ${rank}; add a Flatten(axis=1) before it`,
          });
        }
        const dense =
          node.opType === "Gemm"
            ? readGemm(node, current, width, constants)
            : readMatMul(node, current, width, constants);
        let end = out;
        if (node.opType === "MatMul") {
          const add = consumers.get(out)?.length === 1 && out !== outputName ? consumers.get(out)?.[0] : undefined;
          if (add?.opType === "Add") {
            next(out);
            dense.bias = readBias(add, out, dense.weights.length, constants);
            end = add.output[0] ?? "";
          }
        }
        const relu = consumers.get(end)?.length === 1 && end !== outputName ? consumers.get(end)?.[0] : undefined;
        if (relu?.opType === "Relu") {
          next(end);
          dense.relu = true;
          end = relu.output[0] ?? "";
        }
        layers.push(dense);
        width = dense.weights.length;
        current = end;
        break;
      }
      case "Relu":
        throw new UnsupportedOperatorError({
          opType: "Relu",
          node: nodeName(node),
          reason: "Relu is supported only right after a dense layer",
        });
      case "Add":
        throw new UnsupportedOperatorError({
          opType: "Add",
          node: nodeName(node),
          reason: "Add is supported only as the bias of a MatMul",
        });
      default:
        throw new UnsupportedOperatorError({ opType: node.opType, node: nodeName(node) });
    }
    if (node.opType === "Dropout" && node.output[1]) {
      throw new UnsupportedOperatorError({
        opType: "Dropout",
        node: nodeName(node),
        reason: "its mask output is used",
      });
    }
  }
  if (current !== outputName) {
    throw new UnsupportedGraphError({
      problem: `the chain from "${inputName}" ends at "${current}" without reaching the output "${outputName}"`,
    });
  }
  for (const node of nodes) {
    if (constantNodes.has(node) || visited.has(node)) continue;
    const known = ["Gemm", "MatMul", "Add", "Relu", "Flatten", "Reshape", "Identity", "Dropout"];
    if (!known.includes(node.opType)) throw new UnsupportedOperatorError({ opType: node.opType, node: nodeName(node) });
    throw new UnsupportedGraphError({
      problem: `node ${nodeName(node)} is not on the chain from the input to the output`,
    });
  }
  if (layers.length === 0) throw new UnsupportedGraphError({ problem: "it has no dense layer (Gemm or MatMul)" });
  const declared = output.type?.tensorType?.shape?.dim?.[1];
  if (declared?.dimValue !== undefined && declared.dimValue !== null && toNumber(declared.dimValue) !== width) {
    throw new UnsupportedShapeError({
      what: `graph output "${outputName}"`,
      expected: `[batch, ${width}] from the layers`,
      received: `[batch, ${toNumber(declared.dimValue)}]`,
    });
  }
  return {
    model: { layers },
    inputName,
    outputName,
    inputShape,
    opsetVersion,
    producerName: decoded.producerName ?? "",
  };
}

function defaultOpset(model: OnnxTypes.ModelProto): number | undefined {
  const entry = model.opsetImport.find((o) => !o.domain || o.domain === "ai.onnx");
  return entry ? toNumber(entry.version) : undefined;
}

function nodeName(node: Node): string {
  return node.name ? `"${node.name}"` : `${node.opType} producing "${node.output[0] ?? ""}"`;
}

function intAttribute(node: Node, name: string, fallback: number): number {
  const attribute = node.attribute.find((a) => a.name === name);
  return attribute ? toNumber(attribute.i) : fallback;
}

function floatAttribute(node: Node, name: string, fallback: number): number {
  const attribute = node.attribute.find((a) => a.name === name);
  return attribute ? (attribute.f ?? 0) : fallback;
}

function readInput(input: OnnxTypes.IValueInfoProto): (number | string)[] {
  const tensorType = input.type?.tensorType;
  const name = `graph input "${input.name}"`;
  if (!tensorType) throw new UnsupportedGraphError({ problem: `${name} is not a tensor` });
  if (tensorType.elemType !== DataType.FLOAT) {
    throw new UnsupportedDataTypeError({
      what: name,
      expected: "float32",
      received: DATA_TYPE_NAMES[tensorType.elemType ?? 0] ?? `type ${tensorType.elemType}`,
    });
  }
  const dims = tensorType.shape?.dim ?? [];
  if (dims.length < 2) {
    throw new UnsupportedShapeError({
      what: name,
      expected: "[batch, features...] (rank 2 or more)",
      received: `rank ${dims.length}`,
    });
  }
  return dims.map((dim, i) => {
    const value = dim.dimValue !== undefined && dim.dimValue !== null ? toNumber(dim.dimValue) : undefined;
    if (i === 0) {
      if (value !== undefined && value !== 1 && value !== 0) {
        throw new UnsupportedShapeError({
          what: `${name} batch dimension`,
          expected: "1 or symbolic",
          received: String(value),
        });
      }
      return value === 1 ? 1 : dim.dimParam || "batch";
    }
    if (value === undefined || value <= 0) {
      throw new UnsupportedShapeError({
        what: `${name} dimension ${i}`,
        expected: "a fixed size (only the batch dimension may be dynamic)",
        received: dim.dimParam ? `symbolic "${dim.dimParam}"` : "unknown",
      });
    }
    return value;
  });
}

function checkOutputType(output: OnnxTypes.IValueInfoProto): void {
  const elemType = output.type?.tensorType?.elemType;
  if (elemType !== undefined && elemType !== null && elemType !== DataType.FLOAT) {
    throw new UnsupportedDataTypeError({
      what: `graph output "${output.name}"`,
      expected: "float32",
      received: DATA_TYPE_NAMES[elemType] ?? `type ${elemType}`,
    });
  }
}

function constantMatrix(
  node: Node,
  tensorName: string | undefined,
  role: string,
  constants: Map<string, OnnxTypes.ITensorProto>,
): { rows: number; cols: number; values: number[] } {
  const tensor = constants.get(tensorName ?? "");
  if (!tensor) {
    throw new UnsupportedOperatorError({
      opType: node.opType,
      node: nodeName(node),
      reason: `its ${role} must be a constant initializer`,
    });
  }
  const read = readTensor({ tensor, what: `${node.opType} ${nodeName(node)} ${role}` });
  if (read.dataType !== "float32") {
    throw new UnsupportedDataTypeError({
      what: `${node.opType} ${nodeName(node)} ${role}`,
      expected: "float32",
      received: read.dataType,
    });
  }
  if (read.dims.length !== 2) {
    throw new UnsupportedShapeError({
      what: `${node.opType} ${nodeName(node)} ${role}`,
      expected: "a matrix (rank 2)",
      received: `[${read.dims.join(", ")}]`,
    });
  }
  const [rows, cols] = read.dims as [number, number];
  const bad = read.values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0)
    throw new UnsupportedGraphError({
      problem: `${node.opType} ${nodeName(node)} ${role} holds ${read.values[bad]} at index ${bad}`,
    });
  return { rows, cols, values: read.values };
}

function readGemm(
  node: Node,
  current: string,
  width: number,
  constants: Map<string, OnnxTypes.ITensorProto>,
): FloatLayer {
  if (node.input[0] !== current) {
    throw new UnsupportedOperatorError({
      opType: "Gemm",
      node: nodeName(node),
      reason: "the activation must be its first input (A)",
    });
  }
  const transA = intAttribute(node, "transA", 0);
  const transB = intAttribute(node, "transB", 0);
  const alpha = floatAttribute(node, "alpha", 1);
  const beta = floatAttribute(node, "beta", 1);
  if (transA !== 0 || alpha !== 1 || (beta !== 1 && node.input[2])) {
    throw new UnsupportedOperatorError({
      opType: "Gemm",
      node: nodeName(node),
      reason: `transA=${transA}, alpha=${alpha}, beta=${beta}; expected transA=0, alpha=1, beta=1`,
    });
  }
  const b = constantMatrix(node, node.input[1], "weight (B)", constants);
  const [n, m] = transB === 1 ? [b.cols, b.rows] : [b.rows, b.cols];
  if (n !== width) {
    throw new UnsupportedShapeError({
      what: `Gemm ${nodeName(node)} weight (B)`,
      expected: `${width} inputs`,
      received: `[${b.rows}, ${b.cols}] with transB=${transB}`,
    });
  }
  const weights = Array.from({ length: m }, (_, j) =>
    Array.from({ length: n }, (_, i) => (transB === 1 ? b.values[j * n + i] : b.values[i * m + j]) as number),
  );
  const bias = node.input[2] ? readBias(node, undefined, m, constants) : new Array<number>(m).fill(0);
  return { weights, bias, relu: false };
}

function readMatMul(
  node: Node,
  current: string,
  width: number,
  constants: Map<string, OnnxTypes.ITensorProto>,
): FloatLayer {
  if (node.input[0] !== current) {
    throw new UnsupportedOperatorError({
      opType: "MatMul",
      node: nodeName(node),
      reason: "the activation must be its first input",
    });
  }
  const w = constantMatrix(node, node.input[1], "weight", constants);
  if (w.rows !== width) {
    throw new UnsupportedShapeError({
      what: `MatMul ${nodeName(node)} weight`,
      expected: `[${width}, outputs]`,
      received: `[${w.rows}, ${w.cols}]`,
    });
  }
  const weights = Array.from({ length: w.cols }, (_, j) =>
    Array.from({ length: w.rows }, (_, i) => w.values[i * w.cols + j] as number),
  );
  return { weights, bias: new Array<number>(w.cols).fill(0), relu: false };
}

/** The bias of a Gemm (its input C) or of the Add after a MatMul (its other input). */
function readBias(
  node: Node,
  activation: string | undefined,
  m: number,
  constants: Map<string, OnnxTypes.ITensorProto>,
): number[] {
  const name = activation === undefined ? node.input[2] : node.input.find((i) => i !== activation);
  const tensor = constants.get(name ?? "");
  const role = node.opType === "Gemm" ? "bias (C)" : "bias";
  if (!tensor || (activation !== undefined && node.input.length !== 2)) {
    throw new UnsupportedOperatorError({
      opType: node.opType,
      node: nodeName(node),
      reason: `its ${role} must be a constant initializer`,
    });
  }
  const read = readTensor({ tensor, what: `${node.opType} ${nodeName(node)} ${role}` });
  if (read.dataType !== "float32") {
    throw new UnsupportedDataTypeError({
      what: `${node.opType} ${nodeName(node)} ${role}`,
      expected: "float32",
      received: read.dataType,
    });
  }
  const count = read.values.length;
  const shapeOk =
    (read.dims.length === 1 || (read.dims.length === 2 && read.dims[0] === 1)) && (count === m || count === 1);
  if (!shapeOk && !(read.dims.length === 0 && count === 1)) {
    throw new UnsupportedShapeError({
      what: `${node.opType} ${nodeName(node)} ${role}`,
      expected: `[${m}] or [1, ${m}]`,
      received: `[${read.dims.join(", ")}]`,
    });
  }
  const bad = read.values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0)
    throw new UnsupportedGraphError({
      problem: `${node.opType} ${nodeName(node)} ${role} holds ${read.values[bad]} at index ${bad}`,
    });
  return Array.from({ length: m }, (_, j) => (count === 1 ? read.values[0] : read.values[j]) as number);
}
