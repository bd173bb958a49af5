/** A file of a model, relative to the directory of its manifest. */
export type ModelFile = { path: string; sha256: string };

/** One named input of a model, with the standardization the caller applies before quantizing. */
export type ModelFeature = { name: string; unit: string; description: string; mean: number; std: number };

/** How a bundled model was trained; absent for imported models. */
export type ModelTraining = {
  /** The data: generator and seed, e.g. "generateMarketStates seed 1, 4% label noise". */
  dataset: string;
  trainSize: number;
  heldOutSize: number;
  epochs: number;
  trainAccuracy: number;
  heldOutAccuracy: number;
  /** Held-out accuracy of the fixed-point model (int64 ONNX / circuit). */
  quantizedHeldOutAccuracy: number;
};

/**
 * `manifest.json`, next to a model's ONNX files: what the worker, the circuit generator and the
 * ModelRegistry need to know about a model.
 */
export type ModelManifest = {
  name: string;
  version: string;
  description?: string;
  /** Layer widths, input first: [8, 16, 3]. */
  shape: number[];
  /** Fixed-point scale S: values are round(v * 2^S). */
  scale: number;
  /** One name per output, in order. */
  labels: string[];
  features?: ModelFeature[];
  /** Poseidon commitments as decimal strings (`commitModel` from @convergence/zk). */
  commitments: { model: string };
  files: { floatOnnx: ModelFile; int64Onnx: ModelFile };
  /** The fixed-point model against the float one, on `samples` inputs (see `sample`). */
  quantization: {
    scale: number;
    argmaxAgreement: number;
    maxAbsError: number;
    samples: number;
    /** Where the samples came from. */
    sample: string;
  };
  training?: ModelTraining;
  /**
   * The model's published Groth16 keys in its `keys/` folder (scripts/publish-model-keys.ts): their hashes, checked
   * before `setupModel` installs them instead of running phase 2. Absent: every machine runs its own phase 2.
   */
  keys?: ModelKeys;
};

/** Pins of a model's published proving and verification keys. */
export type ModelKeys = {
  /** sha256 of keys/circuit_final.zkey, 64 lowercase hex digits. */
  zkeySha256: string;
  /** 0x + sha256 of keys/verification_key.json: the vkeyHash a registration of these keys carries. */
  vkeyHash: `0x${string}`;
};
