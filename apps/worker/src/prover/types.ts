import type { QuantizedMlp } from "@convergence/zk";

/** What a prover thread needs to prove one job. */
export type ProveTask = {
  /** The served model's name (the thread keeps its circuit artifacts loaded per name). */
  model: string;
  quantized: QuantizedMlp;
  input: bigint[];
  salt: bigint;
  /** The job binding public signal (computeBinding over chain id, escrow, job id, worker). */
  binding: bigint;
};

/** A proof, with the outputs the circuit computed (public signals 3...). */
export type ProveResult = {
  output: bigint[];
  publicSignals: string[];
  proof: unknown;
  calldata: unknown;
  proveMs: number;
};

export type Prover = {
  prove(task: ProveTask): Promise<ProveResult>;
};
