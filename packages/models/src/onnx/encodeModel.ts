import { type OnnxTypes, onnx } from "./proto.ts";

export type EncodeModelParameters = {
  graphName: string;
  nodes: OnnxTypes.INodeProto[];
  initializers: OnnxTypes.ITensorProto[];
  inputs: OnnxTypes.IValueInfoProto[];
  outputs: OnnxTypes.IValueInfoProto[];
  opsetVersion: number;
  producerName?: string;
  docString?: string;
};

/**
 * Serializes a graph into ONNX bytes. The encoding is deterministic: the same parameters always give
 * the same bytes (no timestamps, no random names).
 *
 * @example
 * const bytes = encodeModel({ graphName: "mlp", nodes, initializers, inputs, outputs, opsetVersion: 13 })
 */
export function encodeModel(parameters: EncodeModelParameters): Uint8Array {
  const { graphName, nodes, initializers, inputs, outputs, opsetVersion, producerName, docString } = parameters;
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: producerName ?? "@convergence/models",
    producerVersion: "0.1.0",
    ...(docString ? { docString } : {}),
    opsetImport: [{ domain: "", version: opsetVersion }],
    graph: { name: graphName, node: nodes, initializer: initializers, input: inputs, output: outputs },
  });
  // protobufjs hands back a Node Buffer (a view into a pool); return a plain, exact Uint8Array.
  return Uint8Array.from(onnx.ModelProto.encode(model).finish());
}
