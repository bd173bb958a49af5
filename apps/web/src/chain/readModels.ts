import { modelRegistryAbi } from "@convergence/contracts";
import { getModel, type Model } from "@convergence/sdk";
import type { PublicClient } from "viem";
import type { DashboardConfig } from "../config/dashboardConfig.ts";

/**
 * Every model registered on the ModelRegistry (ids 1..modelCount), read with the SDK's getModel: commitment, key hash,
 * verifier, publisher, retired or not.
 *
 * @example
 * const models = await readModels({ client, config });
 */
export async function readModels({
  client,
  config,
}: {
  client: PublicClient;
  config: DashboardConfig;
}): Promise<Model[]> {
  const registry = config.contracts.ModelRegistry;
  if (!registry) return [];
  const count = await client.readContract({ address: registry, abi: modelRegistryAbi, functionName: "modelCount" });
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  return Promise.all(ids.map((modelId) => getModel({ client, registry, modelId })));
}
