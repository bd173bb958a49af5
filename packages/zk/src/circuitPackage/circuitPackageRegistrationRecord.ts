import { sha256File } from "../setup/sha256File.ts";
import type { CircuitPackage } from "./types.ts";

export type CircuitPackageRegistrationRecordParameters = { pkg: CircuitPackage };

export type CircuitPackageRegistrationRecordReturnType = {
  /** Packed Poseidon commitment of the package's parameters. */
  commitment: bigint;
  numOutputs: number;
  /** A circuit package has no ONNX model: its reference computation, the input builder, is hashed instead. */
  onnxHash: `0x${string}`;
  uri: `convergence:circuit/${string}`;
};

/**
 * What a circuit package registers in the ModelRegistry besides its setup (`setupRegistration`): the fields of the
 * SDK's `ensureModelRegistration`, the same for `circuit add` and a worker registering it again on a new chain.
 *
 * @example
 * await ensureModelRegistration({ client, registry, fromBlock, setup, ...(await circuitPackageRegistrationRecord({ pkg })) });
 */
export async function circuitPackageRegistrationRecord({
  pkg,
}: CircuitPackageRegistrationRecordParameters): Promise<CircuitPackageRegistrationRecordReturnType> {
  return {
    commitment: pkg.modelCommitment,
    numOutputs: pkg.manifest.numOutputs,
    onnxHash: `0x${await sha256File({ path: pkg.files.inputBuilder })}`,
    uri: `convergence:circuit/${pkg.manifest.name}@${pkg.manifest.version}`,
  };
}
