import type { ModelManifest, OnnxSession } from "@convergence/models";
import type { QuantizedMlp } from "@convergence/zk";

/** A model this worker serves: its manifest, fixed-point weights and a loaded int64 ONNX session. */
export type ServedModel = {
  name: string;
  manifest: ModelManifest;
  quantized: QuantizedMlp;
  /** Poseidon commitment of the quantized weights (the circuit's modelCommitment). */
  commitment: bigint;
  session: OnnxSession;
};
