import { modelRegistryAbi } from "@convergence/contracts";
import { type Abi, type Address, type Hash, type Hex, isHex, parseEventLogs, type TransactionReceipt } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { InvalidParameterError } from "../../errors/input.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";

export type RegisterModelParameters = {
  client: WriteClient;
  /** The ModelRegistry (deployment.contracts.ModelRegistry). */
  registry: Address;
  /** Poseidon commitment of the quantized weights and biases (`commitModel` in @convergence/zk). */
  commitment: bigint;
  /** The model circuit's snarkjs Groth16 verifier contract. */
  verifier: Address;
  /** Outputs after [modelCommitment, inputCommitment, binding]: the verifier takes 3 + numOutputs signals. */
  numOutputs: number;
  /** 32-byte identifiers of the circuit, its verification key and the int64 ONNX file. */
  circuitId: Hex;
  vkeyHash: Hex;
  onnxHash: Hex;
  /** Where the model's manifest lives. */
  uri: string;
};

export type RegisterModelReturnType = { modelId: bigint; hash: Hash; receipt: TransactionReceipt };

/**
 * Registers a model owned by the client's account and returns its id. Retrained weights of the same shape are a new
 * registration with the same verifier and a new commitment.
 *
 * @example
 * const { modelId } = await registerModel({ client, registry, commitment, verifier, numOutputs: 3, circuitId, vkeyHash, onnxHash, uri: "file:risk-v1" });
 */
export async function registerModel({
  client,
  registry,
  commitment,
  verifier,
  numOutputs,
  circuitId,
  vkeyHash,
  onnxHash,
  uri,
}: RegisterModelParameters): Promise<RegisterModelReturnType> {
  if (!Number.isInteger(numOutputs) || numOutputs < 1 || numOutputs > 255) {
    throw new InvalidParameterError({
      parameter: "numOutputs",
      value: numOutputs,
      expected: "an integer from 1 to 255",
    });
  }
  for (const [parameter, value] of Object.entries({ circuitId, vkeyHash, onnxHash })) {
    if (!isHex(value) || value.length !== 66) {
      throw new InvalidParameterError({ parameter, value, expected: "32 bytes as 0x-hex (66 characters)" });
    }
  }
  const { hash, receipt } = await writeContractAndWait({
    client,
    contract: "ModelRegistry",
    address: registry,
    abi: modelRegistryAbi as Abi,
    functionName: "registerModel",
    args: [{ commitment, verifier, numOutputs, circuitId, vkeyHash, onnxHash, uri }],
  });
  const [registered] = parseEventLogs({ abi: modelRegistryAbi, eventName: "ModelRegistered", logs: receipt.logs });
  if (!registered) throw new Error("unreachable: registerModel succeeded without a ModelRegistered event");
  return { modelId: registered.args.modelId, hash, receipt };
}
