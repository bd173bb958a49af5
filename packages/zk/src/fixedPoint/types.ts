/** One Dense layer in fixed point. `weights[j][i]` maps input i to output j. */
export type QuantizedLayer = {
  weights: bigint[][];
  bias: bigint[];
  relu: boolean;
};

/** An MLP in fixed point with scale 2^scale. Layer k's output width is layer k+1's input width. */
export type QuantizedMlp = {
  scale: number;
  layers: QuantizedLayer[];
};

/** The float model a QuantizedMlp is quantized from, in the same layout. */
export type FloatLayer = { weights: number[][]; bias: number[]; relu: boolean };
export type FloatMlp = { layers: FloatLayer[] };
