import { deployVerifier, findModelRegistration, registerModel, type WriteClient } from "@convergence/sdk";
import { compileVerifier, exportVerifier, type SetupCircuitReturnType, sha256File } from "@convergence/zk";
import { type Address, type Hex, keccak256, stringToHex } from "viem";
import { ModelNotRegisteredError } from "../errors/bootstrap.ts";
import type { ServedModel } from "../inference/types.ts";
import type { Logger } from "../log/createLogger.ts";

export type EnsureModelRegisteredParameters = {
  client: WriteClient;
  registry: Address;
  /** Where to search for earlier registrations: the deployment's start block. */
  fromBlock: bigint;
  model: ServedModel;
  setup: SetupCircuitReturnType;
  /** Deploy the verifier and register when no usable registration exists (WORKER_AUTO_REGISTER). */
  register: boolean;
  log: Logger;
};

export type EnsureModelRegisteredReturnType = {
  modelId: bigint;
  verifier: Address;
  /** sha256 of this machine's verification key, as registered. */
  vkeyHash: Hex;
  registered: boolean;
};

/**
 * The ModelRegistry id under which this worker can serve `model`: an active registration with the model's weight
 * commitment and this machine's verification key (phase 2 of the setup is random per machine, so another machine's
 * verifier would reject these proofs). When there is none and `register` is set, deploys the model's snarkjs verifier
 * (compiled with solc-js) and registers the model, printing each step.
 *
 * @example
 * const { modelId } = await ensureModelRegistered({ client, registry, fromBlock, model, setup, register: true, log });
 */
export async function ensureModelRegistered({
  client,
  registry,
  fromBlock,
  model,
  setup,
  register,
  log,
}: EnsureModelRegisteredParameters): Promise<EnsureModelRegisteredReturnType> {
  const vkeyHash = `0x${await sha256File({ path: setup.verificationKeyPath })}` as Hex;
  const found = await findModelRegistration({ client, registry, fromBlock, vkeyHash, commitment: model.commitment });
  if (found) {
    log.info("model found on-chain", { model: model.name, modelId: found.modelId, verifier: found.verifier });
    return { modelId: found.modelId, verifier: found.verifier, vkeyHash, registered: false };
  }
  if (!register) throw new ModelNotRegisteredError({ model: model.name, commitment: model.commitment });

  // The verifier source is exported in memory only (outDirs: []): nothing is written into the repository.
  const verifier = await exportVerifier({ zkey: setup.zkey, model: model.name, outDirs: [] });
  const { abi, bytecode } = compileVerifier({ source: verifier.source, contractName: verifier.contractName });
  const { address: verifierAddress } = await deployVerifier({
    client,
    abi,
    bytecode,
    contractName: verifier.contractName,
  });
  log.info("verifier deployed", { contract: verifier.contractName, address: verifierAddress });
  const { modelId } = await registerModel({
    client,
    registry,
    commitment: model.commitment,
    verifier: verifierAddress,
    numOutputs: model.manifest.shape.at(-1)!,
    circuitId: keccak256(stringToHex(setup.record.key)),
    vkeyHash,
    onnxHash: `0x${model.manifest.files.int64Onnx.sha256}`,
    uri: `convergence:model/${model.name}@${model.manifest.version}`,
  });
  log.info("model registered", { model: model.name, modelId });
  return { modelId, verifier: verifierAddress, vkeyHash, registered: true };
}
