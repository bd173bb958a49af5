import type { Address } from "viem";
import { WorkerReadyMessageError } from "../errors/worker.ts";

/**
 * What the inference worker sends on its IPC channel once its HTTP API listens (`process.send`, when it was spawned
 * with an `ipc` stdio slot, as `launchWorker` does). The worker builds it in `apps/worker/src/main.ts`; this type is
 * the contract between the two, so both sides change together. Integers are decimal strings: IPC messages are JSON.
 */
export type WorkerReadyMessage = {
  type: "convergence:worker-ready";
  /** http://host:port the API listens on (the real port when WORKER_PORT was 0). */
  url: string;
  port: number;
  chainId: number;
  /** The worker's ERC-8004 agent id. */
  agentId: string;
  /** The account that signs the worker's transactions and is paid. */
  account: Address;
  /** Every served model with its on-chain ModelRegistry id. */
  models: { name: string; modelId: string }[];
};

/** A worker's readiness, typed: what `launchWorker` resolves with. */
export type WorkerReady = {
  url: string;
  port: number;
  chainId: number;
  agentId: bigint;
  account: Address;
  models: { name: string; modelId: bigint }[];
};

export type ParseWorkerReadyParameters = { message: unknown };

/** `undefined` when the message is some other IPC message. */
export type ParseWorkerReadyReturnType = WorkerReady | undefined;

/**
 * Reads a message received from a worker process; the one reader of `WorkerReadyMessage`. Throws
 * `WorkerReadyMessageError` for a readiness message with a missing or mistyped field (a worker of another version).
 *
 * @example
 * child.on("message", (message) => {
 *   const ready = parseWorkerReady({ message });
 *   if (ready) console.log(ready.url, ready.agentId);
 * });
 */
export function parseWorkerReady({ message }: ParseWorkerReadyParameters): ParseWorkerReadyReturnType {
  if (typeof message !== "object" || message === null) return undefined;
  const m = message as Partial<Record<keyof WorkerReadyMessage, unknown>>;
  if (m.type !== "convergence:worker-ready") return undefined;
  const isInteger = (value: unknown): value is string => typeof value === "string" && /^\d+$/.test(value);
  if (
    typeof m.url !== "string" ||
    !Number.isInteger(m.port) ||
    !Number.isInteger(m.chainId) ||
    !isInteger(m.agentId) ||
    typeof m.account !== "string" ||
    !/^0x[0-9a-fA-F]{40}$/.test(m.account) ||
    !Array.isArray(m.models)
  ) {
    throw new WorkerReadyMessageError({ message });
  }
  const models: WorkerReady["models"] = [];
  for (const model of m.models as unknown[]) {
    const { name, modelId } = (model ?? {}) as { name?: unknown; modelId?: unknown };
    if (typeof name !== "string" || !isInteger(modelId)) throw new WorkerReadyMessageError({ message });
    models.push({ name, modelId: BigInt(modelId) });
  }
  return {
    url: m.url,
    port: m.port as number,
    chainId: m.chainId as number,
    agentId: BigInt(m.agentId),
    account: m.account as Address,
    models,
  };
}
