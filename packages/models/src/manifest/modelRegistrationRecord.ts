import type { ModelManifest } from "./types.ts";

export type ModelRegistrationRecordParameters = { manifest: ModelManifest };

export type ModelRegistrationRecordReturnType = {
  /** Poseidon commitment of the quantized weights and biases. */
  commitment: bigint;
  numOutputs: number;
  /** sha256 of the int64 ONNX model the worker runs. */
  onnxHash: `0x${string}`;
  uri: `convergence:model/${string}`;
};

/**
 * What an imported MLP registers in the ModelRegistry besides its setup (`setupRegistration` in @convergence/zk): the
 * fields of the SDK's `ensureModelRegistration`, the same for `model add`, the demo and a worker registering its own.
 *
 * @example
 * await ensureModelRegistration({ client, registry, fromBlock, setup, ...modelRegistrationRecord({ manifest }) });
 */
export function modelRegistrationRecord({
  manifest,
}: ModelRegistrationRecordParameters): ModelRegistrationRecordReturnType {
  return {
    commitment: BigInt(manifest.commitments.model),
    numOutputs: manifest.shape.at(-1)!,
    onnxHash: `0x${manifest.files.int64Onnx.sha256}`,
    uri: `convergence:model/${manifest.name}@${manifest.version}`,
  };
}
