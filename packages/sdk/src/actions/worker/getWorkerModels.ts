import type { Hex } from "viem";
import { checkWorkerModels } from "./checkWorkerModels.ts";
import { requestWorker } from "./requestWorker.ts";
import { WORKER_CHALLENGE_HEADER } from "./workerIdentityMessage.ts";

/** A model a worker serves (GET /v1/models). */
export type WorkerModel = {
  name: string;
  /** "mlp": an ONNX MLP through the generated circuit; "circuit": a custom circuit package. */
  kind: "mlp" | "circuit";
  version: string;
  description?: string;
  /** The ModelRegistry id the worker proves for (its own verifier's registration), or null before it registered. */
  modelId: string | null;
  /** Layer widths, input first. */
  shape: number[];
  /** Fixed-point scale S: values are round(v * 2^S). */
  scale: number;
  labels: string[];
  features: { name: string; unit: string; description: string; mean: number; std: number }[] | null;
  /** Poseidon commitment of the quantized weights. */
  commitment: string;
  /** A circuit package's outputs, each with its own fixed-point scale (an MLP's outputs all have `scale`). */
  outputs?: { name: string; scale: number }[];
  /**
   * The worker's price floor for this model, in USDC (a decimal string such as "0.16"): a job paying less is skipped
   * unproven (402 BELOW_PRICE_FLOOR on delivery). The worker's word: absent from workers before issue #14.
   */
  minPrice?: string;
  /**
   * The worker's ERC-8004 agent id (a decimal string), to reserve a job for it (openJob's workerAgentId). The worker's
   * word, to be checked against the AgentRegistry; absent from workers before issue #14.
   */
  agentId?: string;
  /**
   * Present when the request carried a challenge: the worker's EIP-191 signature of `workerIdentityMessage` over it,
   * by its agent wallet. The worker's word until `verifyWorkerIdentity` recovers the signer and compares it with the
   * AgentRegistry's wallet for `agentId`.
   */
  identity?: { challenge: Hex; signature: Hex };
};

export type GetWorkerModelsParameters = {
  workerUrl: string;
  /** A random 32-byte nonce (0x + 64 hex): the worker signs it (`identity` on each model). */
  challenge?: Hex;
  timeoutMs?: number;
};

export type GetWorkerModelsReturnType = WorkerModel[];

/**
 * The models a worker serves, with the on-chain model id to open jobs for (`GET /v1/models`).
 *
 * @example
 * const [riskV1] = await getWorkerModels({ workerUrl: "http://127.0.0.1:8080" });
 * await openJob({ client, escrow, modelId: BigInt(riskV1.modelId!), inputCommitment, amount, deadline });
 */
export async function getWorkerModels({
  workerUrl,
  challenge,
  timeoutMs,
}: GetWorkerModelsParameters): Promise<GetWorkerModelsReturnType> {
  const { body } = await requestWorker<unknown>({
    workerUrl,
    method: "GET",
    path: "/v1/models",
    ...(challenge === undefined ? {} : { headers: { [WORKER_CHALLENGE_HEADER]: challenge } }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return checkWorkerModels({ body, url: new URL("/v1/models", workerUrl).toString() });
}
