import type { ModelManifest, OnnxSession } from "@convergence/models";
import type { CircuitPackage, QuantizedMlp } from "@convergence/zk";
import type { Hex } from "viem";

/**
 * A model's published proving and verification keys (its release's `keys/` folder) with their pinned hashes: the shape
 * of `PublishedKeys` in @convergence/zk, which `loadModel` returns as `publishedKeys` and `setupModel({ published })`
 * installs without a phase 2 (issue #14, slice "setup"). Declared here until both are in main; then import zk's.
 */
export type PublishedKeys = {
  dir: string;
  /** sha256 of circuit_final.zkey, hex. */
  zkeySha256: string;
  /** 0x + sha256 of verification_key.json: the registry's vkeyHash. */
  vkeyHash: Hex;
};

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
