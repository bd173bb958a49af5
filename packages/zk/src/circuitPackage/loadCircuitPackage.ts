import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { packValues } from "../commitment/packValues.ts";
import { spongeHash } from "../commitment/spongeHash.ts";
import { BaseError } from "../errors/base.ts";
import { CircuitPackageInvalidError, InputBuilderError } from "../errors/circuitPackage.ts";
import { type CircuitManifest, circuitManifestSchema } from "./circuitManifestSchema.ts";
import type { CircuitInputBuilder, CircuitPackage, ParameterValue } from "./types.ts";

export type LoadCircuitPackageParameters = {
  /** The package directory (holding circuit.json). */
  dir: string;
};
export type LoadCircuitPackageReturnType = CircuitPackage;

/** The name of the function input.ts must export. */
export const INPUT_BUILDER_EXPORT = "buildInput";

function toInteger(value: unknown, where: string, problems: string[]): bigint {
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^-?\d+$/.test(value)) return BigInt(value);
  problems.push(`${where}: expected an integer (a JSON number or a decimal string), found ${JSON.stringify(value)}`);
  return 0n;
}

function readParameters(raw: unknown, file: string): Record<string, ParameterValue> {
  const problems: string[] = [];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw) || Object.keys(raw).length === 0) {
    problems.push(`${file}: expected a JSON object of named integers, vectors or matrices`);
  }
  const parameters: Record<string, ParameterValue> = {};
  for (const [name, value] of Object.entries((problems.length === 0 ? raw : {}) as Record<string, unknown>)) {
    if (!Array.isArray(value)) parameters[name] = toInteger(value, name, problems);
    else if (value.every((item) => !Array.isArray(item)))
      parameters[name] = value.map((item, i) => toInteger(item, `${name}[${i}]`, problems));
    else
      parameters[name] = value.map((row, i) =>
        Array.isArray(row)
          ? row.map((item, j) => toInteger(item, `${name}[${i}][${j}]`, problems))
          : [toInteger(undefined, `${name}[${i}] (a matrix row)`, problems)],
      );
  }
  if (problems.length > 0) throw new CircuitPackageInvalidError({ dir: file, problems });
  return parameters;
}

async function importBuilder(file: string): Promise<CircuitInputBuilder> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (cause) {
    throw new InputBuilderError({ file, problem: `importing it failed (${(cause as Error).message})`, cause });
  }
  const builder = module[INPUT_BUILDER_EXPORT];
  if (typeof builder !== "function") {
    const found = Object.keys(module).filter((key) => key !== "default");
    throw new InputBuilderError({
      file,
      problem: `it exports no function named ${INPUT_BUILDER_EXPORT} (exports found: ${found.length > 0 ? found.join(", ") : "none"})`,
    });
  }
  return builder as CircuitInputBuilder;
}

/**
 * Reads a circuit package directory: validates circuit.json (names, files, numbers, and the public signal layout
 * InferenceAttestor needs), reads the parameters and commits to them (packed Poseidon, as the circuit's
 * PackedCommitment), and imports input.ts's `buildInput`. Throws CircuitPackageInvalidError or InputBuilderError
 * naming every problem found; nothing is compiled here.
 *
 * @example
 * const pkg = await loadCircuitPackage({ dir: "circuits/examples/linear-threshold" });
 * pkg.modelCommitment // what ModelRegistry records
 */
export async function loadCircuitPackage({ dir }: LoadCircuitPackageParameters): Promise<LoadCircuitPackageReturnType> {
  const root = resolve(dir);
  const manifestPath = join(root, "circuit.json");
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new CircuitPackageInvalidError({ dir: root, problems: ["the directory does not exist"] });
  }
  if (!existsSync(manifestPath)) {
    throw new CircuitPackageInvalidError({ dir: root, problems: ["circuit.json (the manifest) is missing"] });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(manifestPath, "utf8"));
  } catch (cause) {
    throw new CircuitPackageInvalidError({
      dir: root,
      problems: [`circuit.json is not JSON: ${(cause as Error).message}`],
      cause,
    });
  }
  const parsed = circuitManifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CircuitPackageInvalidError({
      dir: root,
      problems: parsed.error.issues.map(
        (issue) =>
          `circuit.json${issue.path.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join("")}: ${issue.message}`,
      ),
    });
  }
  const manifest: CircuitManifest = parsed.data;
  const files = {
    manifest: manifestPath,
    circuit: join(root, manifest.circuit),
    inputBuilder: join(root, manifest.inputBuilder),
    parameters: join(root, manifest.parameters),
  };
  const missing = (["circuit", "inputBuilder", "parameters"] as const)
    .filter((key) => !existsSync(files[key]))
    .map((key) => `circuit.json.${key}: ${manifest[key]} does not exist in the package`);
  if (missing.length > 0) throw new CircuitPackageInvalidError({ dir: root, problems: missing });

  const source = await readFile(files.circuit, "utf8");
  const main = /component\s+main\s*(\{[^}]*\})?\s*=\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(source);
  if (main?.[2] !== manifest.template) {
    throw new CircuitPackageInvalidError({
      dir: root,
      problems: [
        main
          ? `circuit.json.template is ${manifest.template} but ${manifest.circuit}'s main component is ${main[2]}`
          : `${manifest.circuit} declares no \`component main {public [...]} = ${manifest.template}(...);\``,
      ],
    });
  }

  let parametersRaw: unknown;
  try {
    parametersRaw = JSON.parse(await readFile(files.parameters, "utf8"));
  } catch (cause) {
    throw new CircuitPackageInvalidError({
      dir: root,
      problems: [`${manifest.parameters} is not JSON: ${(cause as Error).message}`],
      cause,
    });
  }
  const parameters = readParameters(parametersRaw, files.parameters);
  const parameterValues = Object.values(parameters).flatMap((value) =>
    typeof value === "bigint" ? [value] : value.flatMap((row) => (typeof row === "bigint" ? [row] : row)),
  );
  let words: bigint[];
  try {
    words = packValues({ values: parameterValues, what: "parameter" });
  } catch (cause) {
    if (!(cause instanceof BaseError)) throw cause;
    throw new CircuitPackageInvalidError({
      dir: root,
      problems: [`${manifest.parameters}: ${cause.shortMessage} Parameters are committed as signed 16-bit values.`],
      cause,
    });
  }
  const modelCommitment = await spongeHash({ count: parameterValues.length, words });
  const buildInput = await importBuilder(files.inputBuilder);
  return { dir: root, manifest, files, parameters, parameterValues, modelCommitment, buildInput };
}
