import type { CircuitManifest } from "./circuitManifestSchema.ts";

/** A parameter of a circuit package: an integer, a vector or a matrix (parameters.json). */
export type ParameterValue = bigint | bigint[] | bigint[][];

/** What a package's input builder receives: one request. */
export type CircuitRequest = {
  /** The fixed-point input, signed integers within the manifest's input range. */
  input: readonly bigint[];
  salt: bigint;
  /** The job binding public signal (computeBinding), 0 outside an escrow job. */
  binding: bigint;
  parameters: Record<string, ParameterValue>;
};

/** The circuit's private signals and the outputs the circuit proves (the TypeScript reference). */
export type CircuitRequestResult = {
  signals: Record<string, ParameterValue>;
  outputs: bigint[];
};

/** `buildInput`, the function a package's input.ts exports. */
export type CircuitInputBuilder = (request: CircuitRequest) => CircuitRequestResult;

/** A loaded and validated circuit package (`loadCircuitPackage`). */
export type CircuitPackage = {
  /** The package directory, absolute. */
  dir: string;
  manifest: CircuitManifest;
  /** Absolute paths of the files the manifest names. */
  files: { manifest: string; circuit: string; inputBuilder: string; parameters: string };
  parameters: Record<string, ParameterValue>;
  /** Every parameter in the file's key order, vectors and matrices row by row: what the model commitment covers. */
  parameterValues: bigint[];
  /** The packed Poseidon commitment of parameterValues (the circuit's modelCommitment). */
  modelCommitment: bigint;
  buildInput: CircuitInputBuilder;
};
