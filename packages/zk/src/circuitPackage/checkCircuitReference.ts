import type { CompiledCircuit } from "../circuit/compileCircuit.ts";
import { loadWitnessCalculator } from "../circuit/loadWitnessCalculator.ts";
import { ReferenceMismatchError } from "../errors/circuitPackage.ts";
import { toField } from "../proof/toField.ts";
import { buildPackageInput } from "./buildPackageInput.ts";
import type { CircuitPackage } from "./types.ts";

export type CheckCircuitReferenceParameters = {
  pkg: CircuitPackage;
  circuit: CompiledCircuit;
  /** Inputs to try; default: all zeros, all at the minimum, all at the maximum of the manifest's input range. */
  inputs?: bigint[][];
};
export type CheckCircuitReferenceReturnType = { checked: number };

/**
 * Runs the package's input builder and the compiled circuit's witness calculator on a few inputs and checks that
 * the circuit accepts the builder's signals and that its public outputs equal the TypeScript reference's, before
 * any setup or registration. Throws ReferenceMismatchError naming the input and the disagreement.
 *
 * @example
 * await checkCircuitReference({ pkg, circuit: await compileCircuitPackage({ pkg }) });
 */
export async function checkCircuitReference({
  pkg,
  circuit,
  inputs,
}: CheckCircuitReferenceParameters): Promise<CheckCircuitReferenceReturnType> {
  const { numInputs, input, name } = pkg.manifest;
  const clamp = (value: bigint) =>
    value < BigInt(input.min) ? BigInt(input.min) : value > BigInt(input.max) ? BigInt(input.max) : value;
  const tries = inputs ?? [0n, BigInt(input.min), BigInt(input.max)].map((v) => Array(numInputs).fill(clamp(v)));
  const calculator = await loadWitnessCalculator({ circuit });
  for (const values of tries) {
    const shown = `[${values.join(", ")}]`;
    const { circuitInput, outputs } = await buildPackageInput({ pkg, input: values, salt: 1n, binding: 1n });
    let witness: bigint[];
    try {
      witness = await calculator.calculateWitness(circuitInput, true);
    } catch (cause) {
      const reason = (cause instanceof Error ? cause.message : String(cause)).split("\n")[0];
      throw new ReferenceMismatchError({
        circuit: name,
        input: shown,
        problem: `the circuit rejects it (${reason})`,
        cause,
      });
    }
    const proven = witness.slice(4, 4 + outputs.length);
    if (proven.join(",") !== outputs.map((value) => toField(value)).join(",")) {
      throw new ReferenceMismatchError({
        circuit: name,
        input: shown,
        problem: `the circuit's outputs are [${proven.join(", ")}], the reference's [${outputs.join(", ")}]`,
      });
    }
  }
  return { checked: tries.length };
}
