import type { ModelManifest, OnnxSession } from "@convergence/models";
import type { CircuitPackage, PublishedKeys, QuantizedMlp } from "@convergence/zk";

/** An MLP this worker serves: its manifest, fixed-point weights and a loaded int64 ONNX session. */
export type ServedModel = {
  kind: "mlp";
  name: string;
  manifest: ModelManifest;
  quantized: QuantizedMlp;
  /** Poseidon commitment of the quantized weights (the circuit's modelCommitment). */
  commitment: bigint;
  session: OnnxSession;
  /** The published keys it ships (risk-v1), if any: the worker proves with them and never makes its own. */
  publishedKeys?: PublishedKeys;
};

/** A circuit package this worker serves ($CONVERGENCE_HOME/circuits/<name>/, added by `convergence circuit add`). */
export type ServedCircuit = {
  kind: "circuit";
  name: string;
  pkg: CircuitPackage;
  /** Poseidon commitment of the package's parameters (the circuit's modelCommitment). */
  commitment: bigint;
};

/** Anything the worker serves by name: an MLP (ONNX + generated circuit) or a circuit package. */
export type Served = ServedModel | ServedCircuit;
