import { modelRegistryAbi } from "@convergence/contracts";
import type { Abi, Address, Hash, TransactionReceipt } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";

export type RetireModelParameters = { client: WriteClient; registry: Address; modelId: bigint };
export type RetireModelReturnType = { hash: Hash; receipt: TransactionReceipt };

/**
 * Retires a model for good (its owner only): no new job may name it. A job opened before the retirement is still
 * judged by this registration (its commitment and verifier never change) and paid when proven.
 *
 * @example
 * await retireModel({ client, registry, modelId: 1n });
 */
export async function retireModel({
  client,
  registry,
  modelId,
}: RetireModelParameters): Promise<RetireModelReturnType> {
  const { hash, receipt } = await writeContractAndWait({
    client,
    contract: "ModelRegistry",
    address: registry,
    abi: modelRegistryAbi as Abi,
    functionName: "retireModel",
    args: [modelId],
  });
  return { hash, receipt };
}
