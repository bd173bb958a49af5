import type { Groth16Calldata, ProveReturnType, QuantizedMlp } from "@convergence/zk";

/** What a prover thread needs to prove one job of an MLP. */
export type MlpProveTask = {
  /** The served model's name (the thread keeps its circuit artifacts loaded per name). */
  model: string;
  quantized: QuantizedMlp;
  input: bigint[];
  salt: bigint;
  /** The job binding public signal (computeBinding over chain id, escrow, job id, worker). */
  binding: bigint;
};

/** What a prover thread needs to prove one job of a circuit package: the thread loads the package from its directory. */
export type CircuitProveTask = {
  model: string;
  /** The package directory ($CONVERGENCE_HOME/circuits/<name>/). */
  circuitDir: string;
  input: bigint[];
  salt: bigint;
  binding: bigint;
};

export type ProveTask = MlpProveTask | CircuitProveTask;

/**
 * A proof, with the outputs the circuit computed (public signals 3...). It crosses the thread boundary as a structured
 * clone, which keeps bigints, so the calldata arrives typed as @convergence/zk's prove returned it.
 */
export type ProveResult = {
  output: bigint[];
  publicSignals: string[];
  proof: ProveReturnType["proof"];
  calldata: Groth16Calldata;
  proveMs: number;
};

export type Prover = {
  prove(task: ProveTask): Promise<ProveResult>;
};
