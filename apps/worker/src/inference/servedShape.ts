import type { Served } from "./types.ts";

export type ServedShapeReturnType = {
  /** Values one input row holds. */
  numInputs: number;
  /** Fixed-point scale of the input: round(v * 2^scale). */
  inputScale: number;
  inputMin: number;
  inputMax: number;
  /** Fixed-point scale of each output. */
  outputScales: number[];
  /** Output labels (an MLP classifier's), or none. */
  labels: string[];
};

/**
 * The input and output layout of a served MLP or circuit package, the one place the two kinds differ for the HTTP API
 * and the job path.
 *
 * @example
 * const { numInputs, inputScale } = servedShape({ served: model });
 */
export function servedShape({ served }: { served: Served }): ServedShapeReturnType {
  if (served.kind === "mlp") {
    const { shape, scale, labels } = served.manifest;
    return {
      numInputs: shape[0]!,
      inputScale: scale,
      inputMin: -32768,
      inputMax: 32767,
      outputScales: Array(shape.at(-1)!).fill(scale),
      labels,
    };
  }
  const { numInputs, input, outputs } = served.pkg.manifest;
  return {
    numInputs,
    inputScale: input.scale,
    inputMin: input.min,
    inputMax: input.max,
    outputScales: outputs.map((output) => output.scale),
    labels: [],
  };
}
