import { BaseError } from "./base.ts";

/** What `importOnnxMlp` reads; quoted in every import error so the reader knows the way out. */
export const SUPPORTED_ONNX_SUMMARY = [
  "Supported: a float32 MLP in a single chain from one input to one output, default ONNX domain, opset 9 or later:",
  "  Gemm (transA=0, transB 0 or 1, alpha=1, beta=1, constant B and C), MatMul with a constant weight",
  "  optionally followed by Add of a constant bias, Relu after a dense layer, Flatten(axis=1) or",
  "  Reshape to [batch, features] where it leaves the data unchanged, Identity, Dropout (inference),",
  "  Constant nodes and Transpose of a constant weight.",
  "  The input is [batch, features...] with batch 1 or symbolic and every other dimension fixed.",
];

export class OnnxDecodeError extends BaseError {
  override name = "OnnxDecodeError";
  constructor({ source, cause }: { source: string; cause: unknown }) {
    super(`Could not decode ${source} as an ONNX model.`, {
      details: cause instanceof Error ? cause.message : String(cause),
      metaMessages: ["Expected a binary ONNX ModelProto (.onnx), as written by torch.onnx.export or tf2onnx."],
      cause,
    });
  }
}

export class UnsupportedOperatorError extends BaseError {
  override name = "UnsupportedOperatorError";
  readonly opType: string;
  constructor({ opType, node, reason }: { opType: string; node: string; reason?: string }) {
    super(`Unsupported ONNX operator ${opType} (node ${node})${reason ? `: ${reason}` : ""}.`, {
      metaMessages: SUPPORTED_ONNX_SUMMARY,
    });
    this.opType = opType;
  }
}

export class UnsupportedShapeError extends BaseError {
  override name = "UnsupportedShapeError";
  constructor({ what, expected, received }: { what: string; expected: string; received: string }) {
    super(`Unsupported shape for ${what}: expected ${expected}, received ${received}.`, {
      metaMessages: SUPPORTED_ONNX_SUMMARY,
    });
  }
}

export class UnsupportedDataTypeError extends BaseError {
  override name = "UnsupportedDataTypeError";
  constructor({ what, expected, received }: { what: string; expected: string; received: string }) {
    super(`Unsupported data type for ${what}: expected ${expected}, received ${received}.`, {
      metaMessages: [
        "Export the model in float32 (for PyTorch: model.float() before torch.onnx.export).",
        ...SUPPORTED_ONNX_SUMMARY,
      ],
    });
  }
}

export class UnsupportedGraphError extends BaseError {
  override name = "UnsupportedGraphError";
  constructor({ problem }: { problem: string }) {
    super(`Unsupported ONNX graph: ${problem}.`, { metaMessages: SUPPORTED_ONNX_SUMMARY });
  }
}

export class UnsupportedOpsetError extends BaseError {
  override name = "UnsupportedOpsetError";
  constructor({ opset }: { opset: number | undefined }) {
    super(
      `Unsupported ONNX opset ${opset === undefined ? "(none declared for the default domain)" : opset}: expected 9 or later.`,
      { metaMessages: ["Re-export the model with opset_version=13 (or any version from 9 on)."] },
    );
  }
}

export class InvalidTensorError extends BaseError {
  override name = "InvalidTensorError";
  constructor({ tensor, problem }: { tensor: string; problem: string }) {
    super(`Tensor "${tensor}" is invalid: ${problem}.`);
  }
}
