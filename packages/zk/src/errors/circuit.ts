import { BaseError } from "./base.ts";

export class CircuitCompileError extends BaseError {
  override name = "CircuitCompileError";
  constructor({ circuit, output, cause }: { circuit: string; output: string; cause?: unknown }) {
    super(`circom2 failed to compile ${circuit}.`, {
      details: output.trim().split("\n").slice(-20).join("\n"),
      metaMessages: [
        "The main is generated from the model shape and circuits/lib; a failure here is a bug in either.",
        "Rerun with the same shape to reproduce, and report the output above.",
      ],
      cause,
    });
  }
}
