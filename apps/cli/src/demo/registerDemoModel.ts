import { loadModel } from "@convergence/models";
import { registerModel, type WriteClient } from "@convergence/sdk";
import { compileVerifier, exportVerifier, type SetupCircuitReturnType, sha256File } from "@convergence/zk";
import { type Address, getAddress, type Hash, type Hex, keccak256, stringToHex } from "viem";
import { CliError } from "../errors.ts";

export type RegisterDemoModelParameters = {
  /** Signs as the model's owner (the deployer on the devnet). */
  client: WriteClient;
  registry: Address;
  setup: SetupCircuitReturnType;
  /** Default "risk-v1". */
  model?: string;
};

export type RegisterDemoModelReturnType = {
  modelId: bigint;
  verifier: Address;
  verifierTx: { hash: Hash; gasUsed: bigint };
  registerTx: { hash: Hash; gasUsed: bigint };
  commitment: bigint;
  vkeyHash: Hex;
};

/**
 * Deploys the model's Groth16 verifier (snarkjs export, compiled in memory with solc-js) and registers the model in
 * the ModelRegistry with its weight commitment and this machine's verification key hash. A worker started afterwards
 * finds this registration (same commitment and key) and serves it instead of registering its own.
 *
 * @example
 * const { modelId } = await registerDemoModel({ client, registry: contracts.ModelRegistry, setup });
 */
export async function registerDemoModel({
  client,
  registry,
  setup,
  model = "risk-v1",
}: RegisterDemoModelParameters): Promise<RegisterDemoModelReturnType> {
  const { manifest } = await loadModel({ name: model });
  const commitment = BigInt(manifest.commitments.model);
  const vkeyHash = `0x${await sha256File({ path: setup.verificationKeyPath })}` as Hex;
  const exported = await exportVerifier({ zkey: setup.zkey, model, outDirs: [] });
  const { abi, bytecode } = compileVerifier({ source: exported.source, contractName: exported.contractName });
  const deployHash = await client.deployContract({ abi, bytecode, account: client.account, chain: client.chain });
  const deployed = await client.waitForTransactionReceipt({ hash: deployHash });
  if (deployed.status !== "success" || !deployed.contractAddress) {
    throw new CliError(`Deploying ${exported.contractName} reverted (transaction ${deployHash}).`, {
      metaMessages: ["Run `pnpm convergence doctor` to check the toolchain and the zk cache."],
    });
  }
  const verifier = getAddress(deployed.contractAddress);
  const registered = await registerModel({
    client,
    registry,
    commitment,
    verifier,
    numOutputs: manifest.shape.at(-1)!,
    circuitId: keccak256(stringToHex(setup.record.key)),
    vkeyHash,
    onnxHash: `0x${manifest.files.int64Onnx.sha256}`,
    uri: `convergence:model/${model}@${manifest.version}`,
  });
  return {
    modelId: registered.modelId,
    verifier,
    verifierTx: { hash: deployHash, gasUsed: deployed.gasUsed },
    registerTx: { hash: registered.hash, gasUsed: registered.receipt.gasUsed },
    commitment,
    vkeyHash,
  };
}
