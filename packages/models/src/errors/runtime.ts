import { BaseError } from "./base.ts";

export class OnnxRuntimeError extends BaseError {
  override name = "OnnxRuntimeError";
  constructor({ action, cause }: { action: string; cause: unknown }) {
    super(`onnxruntime-node failed to ${action}.`, {
      details: cause instanceof Error ? cause.message : String(cause),
      metaMessages: ["Check that the file is a model this package wrote or imported (importOnnxMlp validates one)."],
      cause,
    });
  }
}

export class InputMismatchError extends BaseError {
  override name = "InputMismatchError";
  constructor({ expected, received }: { expected: string; received: string }) {
    super(`The input does not fit the model: expected ${expected}, received ${received}.`, {
      metaMessages: ["Pass bigints to an int64 model (already quantized) and numbers to a float32 model."],
    });
  }
}
