export type AttestedValuesParameters = {
  /** The attested outputs (fixed-point integers, as the InferenceAttestor recorded them). */
  outputs: readonly bigint[];
  /** Each output's fixed-point scale S (value = output / 2^S): the model's scale, or a circuit package's per output. */
  scales: readonly number[];
};
export type AttestedValuesReturnType = number[];

/**
 * The real values an attestation's outputs stand for: output / 2^scale. The one place a fixed-point output becomes a
 * number (requestInference's `values`, the dashboard's job page).
 *
 * @example
 * attestedValues({ outputs: [-64n, 512n], scales: [8, 8] }) // [-0.25, 2]
 */
export function attestedValues({ outputs, scales }: AttestedValuesParameters): AttestedValuesReturnType {
  return outputs.map((output, i) => {
    const scale = scales[i];
    if (scale === undefined) throw new RangeError(`no scale for output ${i} (${scales.length} scales)`);
    return Number(output) / 2 ** scale;
  });
}
