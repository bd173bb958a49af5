export type PublicSignalNamesParameters = {
  /** What each output means, in output order (a model's labels, or a circuit package's output names). */
  outputs: readonly string[];
};
export type PublicSignalNamesReturnType = string[];

/**
 * The names of an inference proof's public signals, in order: the three the InferenceAttestor checks by position
 * (`modelCommitment`, `inputCommitment`, `binding`, as `generateCircuitSource` declares them and `verify` checks them),
 * then one per output, `outputs[i]` followed by what it means.
 *
 * @example
 * publicSignalNames({ outputs: ["low", "medium", "high"] })
 * // ["modelCommitment", "inputCommitment", "binding", "outputs[0] (low)", "outputs[1] (medium)", "outputs[2] (high)"]
 */
export function publicSignalNames({ outputs }: PublicSignalNamesParameters): PublicSignalNamesReturnType {
  return ["modelCommitment", "inputCommitment", "binding", ...outputs.map((name, i) => `outputs[${i}] (${name})`)];
}
