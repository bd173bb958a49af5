/**
 * Input builder of the linear-threshold circuit package: maps a request to the circuit's private signals and computes
 * the outputs the circuit proves, in TypeScript (the reference). Self-contained on purpose: a package copied to
 * $CONVERGENCE_HOME/circuits/<name>/ cannot import workspace packages.
 */

export type BuildInputParameters = {
  /** The fixed-point input (round(v * 2^8)), signed 16-bit integers. */
  input: readonly bigint[];
  salt: bigint;
  binding: bigint;
  /** parameters.json, values as bigints. */
  parameters: Record<string, bigint | bigint[]>;
};

export type BuildInputReturnType = {
  /** The private signals; @convergence/zk adds the public ones from the manifest's roles. */
  signals: Record<string, bigint | bigint[]>;
  /** [score, decision], as the circuit's public outputs (signed). */
  outputs: bigint[];
};

const SCALE = 8n;
const WIDTH = 8;

/** floor(a / 2^S) toward minus infinity, as the circuit's Dense proves it. */
function floorShift(value: bigint, bits: bigint): bigint {
  const unit = 1n << bits;
  const remainder = ((value % unit) + unit) % unit;
  return (value - remainder) / unit;
}

function vector(parameters: BuildInputParameters["parameters"], name: string, length: number): bigint[] {
  const value = parameters[name];
  if (!Array.isArray(value) || value.length !== length) {
    throw new Error(`parameters.${name} must be ${length} integers, received ${JSON.stringify(String(value))}`);
  }
  return value;
}

function scalar(parameters: BuildInputParameters["parameters"], name: string): bigint {
  const value = parameters[name];
  if (typeof value !== "bigint") throw new Error(`parameters.${name} must be one integer`);
  return value;
}

/**
 * score = floor((w.x + b * 2^8) / 2^8), decision = score >= threshold ? 1 : 0.
 *
 * @example
 * const { outputs } = buildInput({ input: [256n, 0n, 0n, 0n, 0n, 0n, 0n, 0n], salt: 1n, binding: 0n, parameters });
 */
export function buildInput({ input, salt, parameters }: BuildInputParameters): BuildInputReturnType {
  if (input.length !== WIDTH) throw new Error(`linear-threshold takes ${WIDTH} inputs, received ${input.length}`);
  const weights = vector(parameters, "weights", WIDTH);
  const bias = scalar(parameters, "bias");
  const threshold = scalar(parameters, "threshold");
  let acc = bias << SCALE;
  input.forEach((x, i) => {
    acc += (weights[i] as bigint) * x;
  });
  const score = floorShift(acc, SCALE);
  const decision = score >= threshold ? 1n : 0n;
  return {
    signals: { x: [...input], salt, w: weights, b: bias, threshold },
    outputs: [score, decision],
  };
}
