import { BaseError } from "./base.ts";

export class ModelNotFoundError extends BaseError {
  override name = "ModelNotFoundError";
  constructor({ name, searched }: { name: string; searched: string[] }) {
    super(`No model named "${name}".`, {
      details: `Looked in ${searched.join(" and ")}.`,
      metaMessages: [
        "Bundled models: risk-v1. Import your own with `pnpm convergence model import <file.onnx> --name <name>`.",
      ],
    });
  }
}

export class InvalidManifestError extends BaseError {
  override name = "InvalidManifestError";
  constructor({ path, problem }: { path: string; problem: string }) {
    super(`The model manifest ${path} is invalid: ${problem}.`, {
      metaMessages: [
        "Re-import the model (`convergence model import`) or rebuild it (`convergence model build-reference`).",
      ],
    });
  }
}

export class FileHashMismatchError extends BaseError {
  override name = "FileHashMismatchError";
  constructor({ path, expected, received }: { path: string; expected: string; received: string }) {
    super(`${path} does not match its manifest: sha256 expected ${expected}, received ${received}.`, {
      metaMessages: ["The file was changed after the manifest was written. Re-import or rebuild the model."],
    });
  }
}

export class InvalidModelNameError extends BaseError {
  override name = "InvalidModelNameError";
  constructor({ name }: { name: string }) {
    super(
      `Invalid model name "${name}": expected 1 to 64 characters of a-z, 0-9, "." , "_" or "-", starting with a letter or digit.`,
    );
  }
}

export class ModelExistsError extends BaseError {
  override name = "ModelExistsError";
  constructor({ name, path }: { name: string; path: string }) {
    super(`A model named "${name}" already exists at ${path}.`, {
      metaMessages: ["Pick another --name, or pass --force to replace it."],
    });
  }
}

export class InvalidLabelsError extends BaseError {
  override name = "InvalidLabelsError";
  constructor({ labels, outputs }: { labels: readonly string[]; outputs: number }) {
    super(
      `${labels.length} labels (${labels.join(", ")}) for a model with ${outputs} outputs: expected ${outputs} non-empty names.`,
      {
        metaMessages: ["Pass one label per output, in output order, e.g. --labels low,medium,high."],
      },
    );
  }
}
