import { type CompiledCircuit, compileCircuit } from "../src/circuit/compileCircuit.ts";
import type { QuantizedMlp } from "../src/fixedPoint/types.ts";
import { modelShape } from "../src/mlp/modelShape.ts";
import { createRandom } from "./createRandom.ts";
import { randomModel } from "./randomModel.ts";

/**
 * A model of the smallest MLP shape (2-3-1, scale 4, ~870 constraints): phase 2 on it takes seconds.
 *
 * @example
 * const model = tinyModel();
 */
export function tinyModel({ widths = [2, 3, 1] }: { widths?: number[] } = {}): QuantizedMlp {
  return randomModel({ widths, scale: 4, random: createRandom(61n) });
}

/**
 * The circuit of `tinyModel`, compiled into the current CONVERGENCE_HOME: setup tests use it.
 *
 * @example
 * const circuit = await tinyCircuit();
 */
export async function tinyCircuit({ widths = [2, 3, 1] }: { widths?: number[] } = {}): Promise<CompiledCircuit> {
  return compileCircuit({ shape: modelShape({ model: tinyModel({ widths }) }) });
}
