import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { assertModelName, buildReferenceModel, InvalidModelNameError, importModel, sha256 } from "@convergence/models";
import { MAX_SCALE, MIN_SCALE } from "@convergence/zk";
import { type Command, Option } from "commander";
import { InvalidArgumentError } from "../errors.ts";
import { rpcUrlFrom } from "../options.ts";
import { printResult } from "../output.ts";
import { runStep } from "../progress.ts";
import { addModel } from "./modelAdd.ts";

type ImportOptions = { name: string; scale?: number; labels?: string[]; force?: boolean; json?: boolean };
type AddOptions = ImportOptions & { rpc?: string };

const percent = (value: number) => `${(value * 100).toFixed(2)}%`;

const verifierNote = ({ source, contractName }: { source: string; contractName?: string | undefined }) =>
  source === "deployed"
    ? `${contractName}, deployed`
    : source === "reused"
      ? "reused: the deployer's verifier for this circuit and key"
      : "that of the existing registration";

function parseScale(value: string): number {
  const scale = Number(value);
  if (!/^\d+$/.test(value) || scale < MIN_SCALE || scale > MAX_SCALE) {
    throw new InvalidArgumentError({
      argument: "--scale",
      value,
      expected: `an integer S from ${MIN_SCALE} to ${MAX_SCALE} (values become round(v * 2^S)), e.g. --scale 8`,
    });
  }
  return scale;
}

function parseName(value: string): string {
  try {
    assertModelName({ name: value });
  } catch (error) {
    if (!(error instanceof InvalidModelNameError)) throw error;
    throw new InvalidArgumentError({
      argument: "--name",
      value,
      expected: '1 to 64 characters of a-z, 0-9, ".", "_" or "-", starting with a letter or digit, e.g. --name my-mlp',
    });
  }
  return value;
}

function parseLabels(value: string): string[] {
  const labels = value.split(",").map((label) => label.trim());
  if (labels.some((label) => label === "")) {
    throw new InvalidArgumentError({
      argument: "--labels",
      value,
      expected: "comma-separated output names, one per output, e.g. --labels low,medium,high",
    });
  }
  return labels;
}

// `model import` and `model add` take the same import options.
const nameOption = () =>
  new Option("--name <name>", "the model's name: a-z, 0-9, '.', '_', '-'").makeOptionMandatory().argParser(parseName);
const scaleOption = () =>
  new Option(
    "--scale <S>",
    `fixed-point scale ${MIN_SCALE}-${MAX_SCALE} (default: the largest up to 8 that fits)`,
  ).argParser(parseScale);
const labelsOption = () =>
  new Option("--labels <names>", "comma-separated output names, e.g. low,medium,high").argParser(parseLabels);

/** The absolute path of an existing file, or an error naming the argument. */
function existingFile(file: string): string {
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new InvalidArgumentError({
      argument: "<file.onnx>",
      value: file,
      expected: "the path of an existing .onnx file",
    });
  }
  return path;
}

/** `convergence model ...`: build the reference model, import ONNX models, add one to the chain. */
export function registerModelCommand(program: Command): void {
  const model = program
    .command("model")
    .description("ONNX models: build the reference model, import your own, add one on-chain (proven and settled).");

  model
    .command("build-reference")
    .description(
      "Rebuild risk-v1 (seeded synthetic WETH/USDC data, TypeScript training) into packages/models/assets/risk-v1/.",
    )
    .option("--json", "print the result as JSON")
    .action(async (options: { json?: boolean }) => {
      const built = await runStep({
        title: "Building risk-v1 (generate data, train, quantize, commit)",
        quiet: options.json,
        run: () => buildReferenceModel({ write: true }),
      });
      const data = {
        name: built.manifest.name,
        directory: built.directory,
        shape: built.manifest.shape,
        scale: built.manifest.scale,
        accuracy: built.accuracy,
        quantization: built.manifest.quantization,
        commitments: built.manifest.commitments,
        files: {
          floatOnnx: {
            path: `${built.directory}/${built.manifest.files.floatOnnx.path}`,
            sha256: sha256({ bytes: built.floatOnnx }),
          },
          int64Onnx: {
            path: `${built.directory}/${built.manifest.files.int64Onnx.path}`,
            sha256: sha256({ bytes: built.int64Onnx }),
          },
        },
      };
      printResult({
        json: options.json,
        data,
        human: (d) =>
          [
            `risk-v1 (${d.shape.join("-")}, scale 2^${d.scale}) written to ${d.directory}`,
            `  accuracy      train ${percent(d.accuracy.train)}, held-out ${percent(d.accuracy.heldOut)} float, ${percent(d.accuracy.quantizedHeldOut)} fixed point`,
            `  agreement     ${percent(d.quantization.argmaxAgreement)} argmax, max |logit error| ${d.quantization.maxAbsError.toFixed(4)}`,
            `  model.onnx    sha256 ${d.files.floatOnnx.sha256}`,
            `  int64 model   sha256 ${d.files.int64Onnx.sha256}`,
            `  commitment    ${d.commitments.model}`,
            "",
            "Next: pnpm convergence zk setup --model risk-v1",
          ].join("\n"),
      });
    });

  model
    .command("import")
    .description(
      "Import a float32 ONNX MLP (Gemm or MatMul+Add, Relu): validate, quantize, write the int64 model and manifest to $CONVERGENCE_HOME/models/<name>/.",
    )
    .argument("<file.onnx>", "a float32 ONNX MLP, as torch.onnx.export or tf2onnx write it")
    .addOption(nameOption())
    .addOption(scaleOption())
    .addOption(labelsOption())
    .option("--force", "replace an imported model of the same name")
    .option("--json", "print the result as JSON")
    .action(async (file: string, options: ImportOptions) => {
      const path = existingFile(file);
      const imported = await runStep({
        title: `Importing ${file} as ${options.name}`,
        quiet: options.json,
        run: () =>
          importModel({
            path,
            name: options.name,
            ...(options.scale === undefined ? {} : { scale: options.scale }),
            ...(options.labels ? { labels: options.labels } : {}),
            ...(options.force ? { force: true } : {}),
          }),
      });
      const { manifest, loss } = imported;
      const data = {
        name: manifest.name,
        directory: imported.directory,
        shape: manifest.shape,
        scale: manifest.scale,
        labels: manifest.labels,
        quantization: { ...manifest.quantization, meanAbsError: loss.meanAbsError },
        commitments: manifest.commitments,
        files: {
          manifest: imported.paths.manifest,
          floatOnnx: { path: imported.paths.floatOnnx, sha256: manifest.files.floatOnnx.sha256 },
          int64Onnx: { path: imported.paths.int64Onnx, sha256: manifest.files.int64Onnx.sha256 },
        },
      };
      printResult({
        json: options.json,
        data,
        human: (d) =>
          [
            `${d.name} (${d.shape.join("-")}, scale 2^${d.scale}) written to ${d.directory}`,
            `  quantization  ${percent(d.quantization.argmaxAgreement)} of ${d.quantization.samples} sample inputs keep the float model's argmax; max |output error| ${d.quantization.maxAbsError.toFixed(4)}, mean ${d.quantization.meanAbsError.toFixed(4)}`,
            `                (${d.quantization.sample})`,
            `  int64 model   ${d.files.int64Onnx.path}`,
            `  commitment    ${d.commitments.model}`,
            "",
            `Next: pnpm convergence zk setup --model ${d.name}`,
          ].join("\n"),
      });
    });

  model
    .command("add")
    .description(
      "Bring your own ONNX MLP on-chain in one step: import and quantize it, compile the circuit for its shape, run (or reuse) the shape's Groth16 setup, deploy its verifier and register it in ModelRegistry. Then serve it with WORKER_MODELS=risk-v1,<name> pnpm worker (a running worker picks it up after a restart).",
    )
    .argument("<file.onnx>", "a float32 ONNX MLP (Gemm or MatMul+Add, Relu, optional leading Flatten)")
    .addOption(nameOption())
    .addOption(scaleOption())
    .addOption(labelsOption())
    .option("--force", "replace a local model of the same name that holds different weights")
    .option("--rpc <url>", "JSON-RPC URL (default CONVERGENCE_RPC_URL or http://127.0.0.1:8545)")
    .option("--json", "print the result as JSON")
    .addHelpText(
      "after",
      [
        "",
        "A shape set up before (same widths, depth and scale) reuses its proving key: retrained weights cost one",
        "registration, no setup. Adding the same weights again answers the existing registration.",
        "Serve it: WORKER_MODELS=risk-v1,<name> pnpm worker (restart a running worker), then",
        "  pnpm convergence job open --model <name> --input '[...]' --pay 2",
      ].join("\n"),
    )
    .action(async (file: string, options: AddOptions) => {
      const path = existingFile(file);
      const added = await addModel({
        path,
        name: options.name,
        ...(options.scale === undefined ? {} : { scale: options.scale }),
        ...(options.labels ? { labels: options.labels } : {}),
        ...(options.force ? { force: true } : {}),
        rpcUrl: rpcUrlFrom(options.rpc),
        quiet: options.json ?? false,
      });
      printResult({
        json: options.json,
        data: added,
        human: (d) =>
          [
            `${d.name} (${d.shape.join("-")}, scale 2^${d.scale}) ${d.registered ? "registered" : "already registered"} as model ${d.modelId}`,
            `  commitment    ${d.commitment}`,
            `  circuit       ${d.circuit}: ${d.constraints} constraints, setup ${d.setup} (${d.setupSeconds}s)`,
            `  verifier      ${d.verifier.address} (${verifierNote(d.verifier)})`,
            `  quantization  ${percent(d.accuracyLoss.argmaxAgreement)} of ${d.accuracyLoss.samples} sample inputs keep the float argmax; max |output error| ${d.accuracyLoss.maxAbsError.toFixed(4)}, mean ${d.accuracyLoss.meanAbsError.toFixed(4)}`,
            `  local model   ${d.directory}`,
            "",
            `Serve it: ${d.serve}  (restart a running worker to pick it up)`,
            `Then:     pnpm convergence job open --model ${d.name} --input '[...]' --pay 2`,
          ].join("\n"),
      });
    });
}
