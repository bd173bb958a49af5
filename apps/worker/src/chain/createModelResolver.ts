import { getModel, type Model, ModelNotFoundError, type ReadClient } from "@convergence/sdk";
import type { Address } from "viem";
import type { Served } from "../inference/types.ts";
import type { Logger } from "../log/createLogger.ts";
import { checkRegistration, type ServedKey } from "./checkRegistration.ts";

export type CreateModelResolverParameters = {
  client: ReadClient;
  registry: Address;
  /** Served models by name, each with the key this machine proves it with. */
  served: Map<string, { model: Served } & ServedKey>;
  /** WORKER_PUBLISHERS, resolved: the owners whose registrations this worker serves. */
  publishers: readonly Address[];
  /** Model ids already checked at startup (ensureModelRegistered), by served model name. */
  known: Map<bigint, string>;
  log: Logger;
};

export type ModelResolver = {
  /** The served model an on-chain model id names, or undefined when this worker does not prove for it. */
  modelFor(modelId: bigint): Promise<Served | undefined>;
  /** The matched ids, by model name (GET /v1/models). */
  idsByName(): Map<string, bigint>;
};

export type CreateModelResolverReturnType = ModelResolver;

/**
 * Maps a job's on-chain model id to a served model: the ids checked at startup, and any other ModelRegistry entry (the
 * SDK's getModel) with a served model's weight commitment that `checkRegistration` accepts: owned by a publisher, with
 * this machine's vkeyHash, and a verifier whose runtime code implements this machine's key. Anything else is never
 * proven (its input is refused, so no output leaks), and the reason is logged once per id. A retired registration is
 * still served: the escrow opens no new job for it, and a job opened before the retirement is judged by it.
 * Answers, including "not served", are cached; an unknown id (it may be registered later) and a lookup that fails on
 * the RPC are not.
 *
 * @example
 * const models = createModelResolver({ client, registry, served, publishers, known: new Map([[1n, "risk-v1"]]), log });
 * const model = await models.modelFor(job.modelId);
 */
export function createModelResolver({
  client,
  registry,
  served,
  publishers,
  known,
  log,
}: CreateModelResolverParameters): CreateModelResolverReturnType {
  const resolved = new Map<bigint, Served | undefined>();
  const pending = new Map<bigint, Promise<Served | undefined>>();
  for (const [id, name] of known) resolved.set(id, served.get(name)?.model);

  const resolve = async (modelId: bigint): Promise<Served | undefined> => {
    let record: Model;
    try {
      record = await getModel({ client, registry, modelId });
    } catch (error) {
      // Not cached: the id may be registered later.
      if (error instanceof ModelNotFoundError) return undefined;
      throw error;
    }
    const candidates = [...served.values()].filter(({ model }) => model.commitment === record.commitment);
    if (candidates.length === 0) {
      resolved.set(modelId, undefined);
      log.debug("model not served: another model's commitment", { modelId, commitment: record.commitment });
      return undefined;
    }
    let reason = "";
    for (const candidate of candidates) {
      const check = await checkRegistration({ client, registration: record, key: candidate, publishers });
      if (check.served) {
        resolved.set(modelId, candidate.model);
        return candidate.model;
      }
      reason = check.reason;
    }
    resolved.set(modelId, undefined);
    log.warn("registration not served: its jobs are never proven", {
      modelId,
      model: candidates[0]!.model.name,
      owner: record.owner,
      reason,
    });
    return undefined;
  };

  return {
    modelFor(modelId) {
      if (resolved.has(modelId)) return Promise.resolve(resolved.get(modelId));
      let answer = pending.get(modelId);
      if (!answer) {
        // One lookup per id at a time: concurrent deliveries and the processor share it (and its one log line).
        answer = resolve(modelId).then(
          (model) => {
            pending.delete(modelId);
            return model;
          },
          (error: unknown) => {
            pending.delete(modelId);
            throw error;
          },
        );
        pending.set(modelId, answer);
      }
      return answer;
    },
    idsByName() {
      const ids = new Map<string, bigint>();
      for (const [id, model] of resolved) if (model && !ids.has(model.name)) ids.set(model.name, id);
      return ids;
    },
  };
}
