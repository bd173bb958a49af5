import { BaseError } from "./base.ts";

const LAYOUT =
  "Supported layout: the public signals, in order, are modelCommitment, inputCommitment, binding, then the outputs (InferenceAttestor reads them so).";

export class CircuitPackageInvalidError extends BaseError {
  override name = "CircuitPackageInvalidError";
  constructor({ dir, problems, cause }: { dir: string; problems: string[]; cause?: unknown }) {
    super(`The circuit package in ${dir} is not valid.`, {
      details: problems.join("\n"),
      metaMessages: [
        "A circuit package is a directory with circuit.json (the manifest), the .circom source, input.ts (exporting buildInput) and the parameters JSON file.",
        LAYOUT,
        "See docs/circuit-packages.md and circuits/examples/linear-threshold/.",
      ],
      cause,
    });
  }
}

export class InputBuilderError extends BaseError {
  override name = "InputBuilderError";
  constructor({ file, problem, cause }: { file: string; problem: string; cause?: unknown }) {
    super(`The input builder ${file} cannot be used: ${problem}.`, {
      metaMessages: [
        "Expected input.ts to export `function buildInput({ input, salt, binding, parameters })` returning { signals, outputs }: the private signals of the circuit and the outputs it proves (bigints).",
        "Keep it self-contained: a registered package is copied to $CONVERGENCE_HOME/circuits/<name>/, where workspace packages do not resolve.",
      ],
      cause,
    });
  }
}

export class PublicSignalsMismatchError extends BaseError {
  override name = "PublicSignalsMismatchError";
  constructor({ circuit, expected, found }: { circuit: string; expected: string[]; found: string[] }) {
    super(`The public signals of ${circuit} do not match its manifest.`, {
      details: `expected (circuit.json publicSignals): [${expected.join(", ")}]\nfound (compiled circuit): [${found.join(", ")}]`,
      metaMessages: [
        LAYOUT,
        "Circom orders public signals as the main template declares them: outputs (signal output) first, then the public inputs in declaration order. Declare every public signal as a `signal input`, in the manifest's order, and constrain it.",
        "Nothing was set up or registered.",
      ],
    });
  }
}

export class CircuitInputError extends BaseError {
  override name = "CircuitInputError";
  constructor({ circuit, problem }: { circuit: string; problem: string }) {
    super(`Input rejected by ${circuit}: ${problem}.`, {
      metaMessages: ["The input must match the package manifest's numInputs and input range (see circuit.json)."],
    });
  }
}

export class ReferenceMismatchError extends BaseError {
  override name = "ReferenceMismatchError";
  constructor({
    circuit,
    input,
    problem,
    cause,
  }: { circuit: string; input: string; problem: string; cause?: unknown }) {
    super(`The circuit ${circuit} and its input builder disagree on input ${input}: ${problem}.`, {
      metaMessages: [
        "buildInput must return the private signals the circuit declares and the outputs it computes, bit for bit (fixed point, floor division).",
        "Nothing was set up or registered.",
      ],
      cause,
    });
  }
}
