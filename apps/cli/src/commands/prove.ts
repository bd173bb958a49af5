import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { loadModel } from "@convergence/models";
import { FIELD_MODULUS, prove, quantizeValue, VALUE_MAX, VALUE_MIN } from "@convergence/zk";
import type { Command } from "commander";
import { InvalidArgumentError } from "../errors.ts";
import { parseInputArray } from "../options.ts";
import { printResult, toJson } from "../output.ts";
import { runStep } from "../progress.ts";

type ProveOptions = {
  model: string;
  input: string;
  binding?: bigint;
  salt?: bigint;
  quantized?: boolean;
  out?: string;
  json?: boolean;
};

function parseFieldElement(argument: string) {
  return (value: string): bigint => {
    let parsed: bigint | undefined;
    try {
      parsed = /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(value) ? BigInt(value) : undefined;
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || parsed >= FIELD_MODULUS) {
      throw new InvalidArgumentError({
        argument,
        value,
        expected: "a hex (0x...) or decimal integer below the BN254 scalar field modulus",
      });
    }
    return parsed;
  };
}

/**
 * `convergence prove --model <name> --input '<json array>' [--binding <hex>]`: runs the model and
 * proves it, printing {output, rawOutput, publicSignals, proof, calldata, proveMs, ...}.
 */
export function registerProveCommand(program: Command): void {
  program
    .command("prove")
    .description(
      "Run a model on an input and prove it with Groth16. The input is real values, quantized with the model's scale (or fixed-point integers with --quantized).",
    )
    .requiredOption(
      "--model <name>",
      "a bundled or imported model with a setup (`convergence zk setup --model <name>`)",
    )
    .requiredOption("--input <json>", "a JSON array of numbers, one per model input", parseInputArray)
    .option(
      "--binding <hex>",
      "the job binding (computeBinding of chain id, escrow, job id, worker); default 0",
      parseFieldElement("--binding"),
    )
    .option("--salt <hex>", "the input commitment's salt (default: random)", parseFieldElement("--salt"))
    .option("--quantized", "the input values are already fixed-point integers (round(v * 2^S))")
    .option("--out <file>", "also write the JSON result to this file (for `convergence verify <file>`)")
    .option("--json", "print the result as JSON")
    .action(async (options: ProveOptions & { input: number[] }) => {
      const { manifest, quantized } = await loadModel({ name: options.model });
      const width = manifest.shape[0] as number;
      if (options.input.length !== width) {
        throw new InvalidArgumentError({
          argument: "--input",
          value: JSON.stringify(options.input),
          expected: `${width} numbers for ${manifest.name} (${(manifest.features ?? []).map((f) => f.name).join(", ") || `shape ${manifest.shape.join("-")}`})`,
        });
      }
      const input = options.input.map((value, i) => {
        if (!options.quantized) return quantizeValue({ value, scale: manifest.scale, what: `--input[${i}]` });
        if (!Number.isInteger(value) || value < Number(VALUE_MIN) || value > Number(VALUE_MAX)) {
          throw new InvalidArgumentError({
            argument: "--input",
            value: String(value),
            expected: `fixed-point integers in [${VALUE_MIN}, ${VALUE_MAX}] with --quantized`,
          });
        }
        return BigInt(value);
      });
      const result = await runStep({
        title: `Proving ${manifest.name}`,
        quiet: options.json,
        run: (step) =>
          prove({
            model: quantized,
            input,
            binding: options.binding,
            salt: options.salt,
            onProgress: ({ message }) => step.update(message),
          }),
      });
      const unit = 2 ** manifest.scale;
      const data = {
        model: manifest.name,
        circuit: result.circuit,
        input,
        output: result.output,
        outputValues: result.output.map((value) => Number(value) / unit),
        labels: manifest.labels,
        rawOutput: result.rawOutput,
        publicSignals: result.publicSignals,
        proof: result.proof,
        calldata: result.calldata,
        proveMs: result.proveMs,
        modelCommitment: result.modelCommitment,
        inputCommitment: result.inputCommitment,
        binding: result.binding,
        salt: result.salt,
      };
      if (options.out !== undefined) await writeFile(resolve(options.out), `${toJson(data)}\n`);
      printResult({
        json: options.json,
        data,
        human: (d) =>
          [
            `${d.model}: proved in ${d.proveMs} ms`,
            ...d.output.map(
              (value, j) =>
                `  ${(d.labels[j] ?? `output[${j}]`).padEnd(12)} ${String(value).padStart(12)}  (${d.outputValues[j]})`,
            ),
            `  model commitment  ${d.modelCommitment}`,
            `  input commitment  ${d.inputCommitment}`,
            `  binding           0x${d.binding.toString(16)}`,
            options.out === undefined
              ? "\nNext: add --out proof.json, then pnpm convergence verify proof.json"
              : `\nWritten to ${options.out}. Next: pnpm convergence verify ${options.out}`,
          ].join("\n"),
      });
    });
}
