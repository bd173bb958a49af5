import {
  buildCircuitInput,
  type CompiledCircuit,
  commitInput,
  commitModel,
  forward,
  loadWitnessCalculator,
  type QuantizedMlp,
} from "../src/index.ts";
import { circuitSignals, type Signals } from "./circuitSignals.ts";

export type HonestWitnessParameters = { circuit: CompiledCircuit; model: QuantizedMlp; input: readonly bigint[] };
export type HonestWitnessReturnType = {
  /** The circuit's own witness (its wasm), in its wire order. */
  witness: bigint[];
  /** The same values by signal name, computed independently (`circuitSignals`): what forgeries edit. */
  signals: Signals;
};

/**
 * A valid witness of `circuit` for `input` (fixed salt and binding), the starting point of every forgery.
 *
 * @example
 * const { witness, signals } = await honestWitness({ circuit, model, input });
 */
export async function honestWitness({
  circuit,
  model,
  input,
}: HonestWitnessParameters): Promise<HonestWitnessReturnType> {
  const { output } = forward({ model, input });
  const salt = 7n;
  const circuitInput = buildCircuitInput({
    model,
    input,
    salt,
    binding: 99n,
    modelCommitment: await commitModel({ model }),
    inputCommitment: await commitInput({ input, salt }),
    output,
  });
  const calculator = await loadWitnessCalculator({ circuit });
  const witness = await calculator.calculateWitness(circuitInput, true);
  return { witness, signals: circuitSignals({ model, input, quotientBits: circuit.quotientBits }) };
}
