import { type CompiledCircuit, compileCircuit } from "../src/circuit/compileCircuit.ts";
import { modelShape } from "../src/mlp/modelShape.ts";
import { createRandom } from "./createRandom.ts";
import { randomModel } from "./randomModel.ts";

/**
 * The smallest MLP circuit (2-3-1, scale 4, ~870 constraints): phase 2 on it takes seconds, so setup tests use it.
 * Compiled into the current CONVERGENCE_HOME.
 *
 * @example
 * const circuit = await tinyCircuit();
 */
export async function tinyCircuit({ widths = [2, 3, 1] }: { widths?: number[] } = {}): Promise<CompiledCircuit> {
  const model = randomModel({ widths, scale: 4, random: createRandom(61n) });
  return compileCircuit({ shape: modelShape({ model }) });
}
