import { modelRegistryAbi } from "@convergence/contracts";
import type { Address } from "viem";
import type { ReadClient } from "../../client/types.ts";
import { ModelNotFoundError } from "../../errors/inference.ts";
import { decodeRevert } from "../../utils/decodeRevert.ts";
import type { Model } from "./types.ts";

export type GetModelParameters = { client: ReadClient; registry: Address; modelId: bigint };
export type GetModelReturnType = Model;

/**
 * Reads a registered model: commitment, verifier, output count, whether it is active, owner, hashes and URI.
 *
 * @example
 * const model = await getModel({ client, registry: deployment.contracts.ModelRegistry, modelId: 1n });
 */
export async function getModel({ client, registry, modelId }: GetModelParameters): Promise<GetModelReturnType> {
  try {
    const model = await client.readContract({
      address: registry,
      abi: modelRegistryAbi,
      functionName: "getModel",
      args: [modelId],
    });
    return { modelId, ...model };
  } catch (error) {
    if (decodeRevert(error).errorName === "ModelRegistryUnknownModel") {
      throw new ModelNotFoundError({ modelId, registry, cause: error });
    }
    throw error;
  }
}
