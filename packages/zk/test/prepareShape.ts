import {
  type CompiledCircuit,
  compileCircuit,
  modelShape,
  type QuantizedMlp,
  type SetupCircuitReturnType,
  setupCircuit,
} from "../src/index.ts";
import { createRandom, type Random } from "./createRandom.ts";
import { randomModel } from "./randomModel.ts";

export type PreparedShape = {
  model: QuantizedMlp;
  circuit: CompiledCircuit;
  random: Random;
  setup?: SetupCircuitReturnType;
};

/**
 * A random model of the given widths with its compiled circuit (cached per shape in the zk cache),
 * and its Groth16 setup when `setup` is set (also cached: only the first run after a clean checkout
 * pays for it).
 *
 * @example
 * const { model, circuit, setup } = await prepareShape({ widths: [8, 16, 3], seed: 1n, setup: true });
 */
export async function prepareShape({
  widths,
  seed,
  scale = 8,
  setup = false,
}: {
  widths: number[];
  seed: bigint;
  scale?: number;
  setup?: boolean;
}): Promise<PreparedShape> {
  const random = createRandom(seed);
  const model = randomModel({ widths, scale, random });
  const circuit = await compileCircuit({ shape: modelShape({ model }) });
  if (!setup) return { model, circuit, random };
  return { model, circuit, random, setup: await setupCircuit({ circuit }) };
}
