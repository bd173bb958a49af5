import { getModel, type Model, ModelNotFoundError, type ReadClient } from "@convergence/sdk";
import type { Address, Hex } from "viem";
import type { Served } from "../inference/types.ts";

export type CreateModelResolverParameters = {
  client: ReadClient;
  registry: Address;
  /** Served models by name, with the vkey hash of this machine's setup for each. */
  served: Map<string, { model: Served; vkeyHash: Hex }>;
  /** Model ids already matched at startup. */
  known: Map<bigint, string>;
};

export type ModelResolver = {
  /** The served model an on-chain model id names, or undefined when this worker cannot prove for it. */
  modelFor(modelId: bigint): Promise<Served | undefined>;
  /** The matched ids, by model name (GET /v1/models). */
  idsByName(): Map<string, bigint>;
};

export type CreateModelResolverReturnType = ModelResolver;

/**
 * Maps a job's on-chain model id to a served model: the ids matched at startup, and any other active ModelRegistry
 * entry (the SDK's getModel) with a served model's weight commitment and this machine's verification key (someone
 * registered the same model again). Answers, including "not served", are cached; an unknown id (it may be registered
 * later) and a lookup that fails on the RPC are not.
 *
 * @example
 * const models = createModelResolver({ client, registry, served, known: new Map([[1n, "risk-v1"]]) });
 * const model = await models.modelFor(job.modelId);
 */
export function createModelResolver({
  client,
  registry,
  served,
  known,
}: CreateModelResolverParameters): CreateModelResolverReturnType {
  const cache = new Map<bigint, Served | undefined>();
  for (const [id, name] of known) cache.set(id, served.get(name)?.model);
  return {
    async modelFor(modelId) {
      if (cache.has(modelId)) return cache.get(modelId);
      let record: Model;
      try {
        record = await getModel({ client, registry, modelId });
      } catch (error) {
        // Not cached: the id may be registered later.
        if (error instanceof ModelNotFoundError) return undefined;
        throw error;
      }
      const match = [...served.values()].find(
        ({ model, vkeyHash }) =>
          record.active && record.commitment === model.commitment && record.vkeyHash === vkeyHash,
      );
      cache.set(modelId, match?.model);
      return match?.model;
    },
    idsByName() {
      const ids = new Map<string, bigint>();
      for (const [id, model] of cache) if (model && !ids.has(model.name)) ids.set(model.name, id);
      return ids;
    },
  };
}
