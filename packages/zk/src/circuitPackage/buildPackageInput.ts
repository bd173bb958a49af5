import { commitInput } from "../commitment/commitInput.ts";
import { CircuitInputError, InputBuilderError } from "../errors/circuitPackage.ts";
import { InvalidBindingError } from "../errors/proof.ts";
import { FIELD_MODULUS } from "../fixedPoint/constants.ts";
import type { CircuitInput } from "../proof/buildCircuitInput.ts";
import { toField } from "../proof/toField.ts";
import type { CircuitPackage, ParameterValue } from "./types.ts";

export type BuildPackageInputParameters = {
  pkg: CircuitPackage;
  /** The fixed-point input (numInputs signed integers within the manifest's input range). */
  input: readonly bigint[];
  salt: bigint;
  binding?: bigint;
};
export type BuildPackageInputReturnType = {
  /** Every signal of the circuit as decimal field elements (negatives as p - |x|), for the witness calculator. */
  circuitInput: CircuitInput;
  /**
   * The outputs the package's buildInput computed (signed). They are also the public outputs in `circuitInput`, so a
   * proof from this input carries exactly these: comparing them with the proof's is no independent check of the
   * circuit (the circuit's constraints are; `checkCircuitReference` tests builder and circuit against each other).
   */
  outputs: bigint[];
  modelCommitment: bigint;
  inputCommitment: bigint;
};

function encode(value: ParameterValue): string | string[] | string[][] {
  const field = (v: bigint) => toField(v).toString();
  if (typeof value === "bigint") return field(value);
  if (value.every((item): item is bigint => typeof item === "bigint")) return value.map(field);
  return (value as bigint[][]).map((row) => row.map(field));
}

/**
 * One request through a circuit package: checks the input against the manifest, runs the package's `buildInput`
 * (its private signals and the outputs, the TypeScript reference), and adds the public signals by the manifest's
 * roles: the parameters' commitment, the salted input commitment (`commitInput`, as requesters compute it), the
 * binding and the outputs.
 *
 * @example
 * const { circuitInput, outputs } = await buildPackageInput({ pkg, input, salt: randomSalt(), binding });
 */
export async function buildPackageInput({
  pkg,
  input,
  salt,
  binding = 0n,
}: BuildPackageInputParameters): Promise<BuildPackageInputReturnType> {
  const { manifest } = pkg;
  if (binding < 0n || binding >= FIELD_MODULUS) throw new InvalidBindingError({ binding: binding.toString() });
  if (input.length !== manifest.numInputs) {
    throw new CircuitInputError({
      circuit: manifest.name,
      problem: `it takes ${manifest.numInputs} values, received ${input.length}`,
    });
  }
  input.forEach((value, i) => {
    if (value < BigInt(manifest.input.min) || value > BigInt(manifest.input.max)) {
      throw new CircuitInputError({
        circuit: manifest.name,
        problem: `input[${i}] is ${value}, outside ${manifest.input.min}..${manifest.input.max}`,
      });
    }
  });
  const inputCommitment = await commitInput({ input, salt });
  let built: ReturnType<CircuitPackage["buildInput"]>;
  try {
    built = pkg.buildInput({ input: [...input], salt, binding, parameters: pkg.parameters });
  } catch (cause) {
    throw new InputBuilderError({
      file: pkg.files.inputBuilder,
      problem: `buildInput threw: ${(cause as Error).message}`,
      cause,
    });
  }
  const { signals, outputs } = (built ?? {}) as Partial<ReturnType<CircuitPackage["buildInput"]>>;
  if (
    typeof signals !== "object" ||
    signals === null ||
    !Array.isArray(outputs) ||
    outputs.length !== manifest.numOutputs ||
    !outputs.every((value) => typeof value === "bigint")
  ) {
    throw new InputBuilderError({
      file: pkg.files.inputBuilder,
      problem: `buildInput must return { signals, outputs } with ${manifest.numOutputs} bigint outputs, returned ${Array.isArray(outputs) ? `${outputs.length} outputs` : "no outputs array"}`,
    });
  }
  const circuitInput: CircuitInput = {};
  for (const [name, value] of Object.entries(signals)) circuitInput[name] = encode(value);
  const publics: [string, bigint][] = [
    [manifest.roles.modelCommitment, pkg.modelCommitment],
    [manifest.roles.inputCommitment, inputCommitment],
    [manifest.roles.binding, binding],
    ...manifest.outputs.map(({ name }, i): [string, bigint] => [name, outputs[i] as bigint]),
  ];
  for (const [name, value] of publics) {
    const element = /^(\w+)\[(\d+)\]$/.exec(name);
    if (!element) {
      circuitInput[name] = encode(value);
      continue;
    }
    // An element of a public array signal (outputs[0]): fill the array the witness calculator expects.
    const arrayName = element[1] as string;
    const array = (circuitInput[arrayName] ?? []) as string[];
    array[Number(element[2])] = encode(value) as string;
    circuitInput[arrayName] = array;
  }
  return { circuitInput, outputs, modelCommitment: pkg.modelCommitment, inputCommitment };
}
