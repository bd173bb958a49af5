import { deployVerifier, findModelRegistration, registerModel, type WriteClient } from "@convergence/sdk";
import { compileVerifier, exportVerifier, type SetupCircuitReturnType, sha256File } from "@convergence/zk";
import { type Address, type Hex, keccak256, stringToHex } from "viem";
import { ModelNotRegisteredError } from "../errors/bootstrap.ts";
import type { ServedCircuit } from "../inference/types.ts";
import type { Logger } from "../log/createLogger.ts";

export type EnsureCircuitRegisteredParameters = {
  client: WriteClient;
  registry: Address;
  /** Where to search for earlier registrations: the deployment's start block. */
  fromBlock: bigint;
  circuit: ServedCircuit;
  /** The package's setup on this machine (setupCircuitPackage). */
  setup: SetupCircuitReturnType;
  /** Deploy the verifier and register when no usable registration exists (WORKER_AUTO_REGISTER). */
  register: boolean;
  log: Logger;
};

export type EnsureCircuitRegisteredReturnType = {
  modelId: bigint;
  verifier: Address;
  vkeyHash: Hex;
  registered: boolean;
};

/**
 * The ModelRegistry id under which this worker can serve a circuit package: the active registration `convergence
 * circuit add` made (the parameters' commitment with this machine's verification key). When there is none and
 * `register` is set (a chain restarted since), registers it the way `circuit add` does: the verifier of another
 * registration under the same key, or a newly deployed one, and numOutputs from the manifest.
 *
 * @example
 * const { modelId } = await ensureCircuitRegistered({ client, registry, fromBlock, circuit, setup, register: true, log });
 */
export async function ensureCircuitRegistered({
  client,
  registry,
  fromBlock,
  circuit,
  setup,
  register,
  log,
}: EnsureCircuitRegisteredParameters): Promise<EnsureCircuitRegisteredReturnType> {
  const { manifest, files } = circuit.pkg;
  const vkeyHash = `0x${await sha256File({ path: setup.verificationKeyPath })}` as Hex;
  const found = await findModelRegistration({ client, registry, fromBlock, vkeyHash, commitment: circuit.commitment });
  if (found) {
    log.info("circuit found on-chain", { model: circuit.name, modelId: found.modelId, verifier: found.verifier });
    return { modelId: found.modelId, verifier: found.verifier, vkeyHash, registered: false };
  }
  if (!register) throw new ModelNotRegisteredError({ model: circuit.name, commitment: circuit.commitment });

  let verifier = (await findModelRegistration({ client, registry, fromBlock, vkeyHash }))?.verifier;
  if (verifier === undefined) {
    const exported = await exportVerifier({ zkey: setup.zkey, model: circuit.name, outDirs: [] });
    const { abi, bytecode } = compileVerifier({ source: exported.source, contractName: exported.contractName });
    ({ address: verifier } = await deployVerifier({ client, abi, bytecode, contractName: exported.contractName }));
    log.info("verifier deployed", { contract: exported.contractName, address: verifier });
  }
  const { modelId } = await registerModel({
    client,
    registry,
    commitment: circuit.commitment,
    verifier,
    numOutputs: manifest.numOutputs,
    circuitId: keccak256(stringToHex(setup.record.key)),
    vkeyHash,
    // A circuit package has no ONNX model: its reference computation is the input builder.
    onnxHash: `0x${await sha256File({ path: files.inputBuilder })}`,
    uri: `convergence:circuit/${manifest.name}@${manifest.version}`,
  });
  log.info("circuit registered", { model: circuit.name, modelId });
  return { modelId, verifier, vkeyHash, registered: true };
}
