import { discoverWorkers, type ModelPin, type ReadClient } from "@convergence/sdk";
import type { Address } from "viem";
import { QuickInferenceUnavailableError } from "../errors/inference.ts";
import type { QuickInferenceQuote } from "../tools/types.ts";
import { pickQuickOffer } from "./pickQuickOffer.ts";

export type ChooseQuickWorkerParameters = {
  publicClient: ReadClient;
  contracts: {
    AgentRegistry: Address;
    ReputationRegistry?: Address;
    ValidationRegistry?: Address;
    InferenceEscrow?: Address;
  };
  /** The worker the user named (CONVERGENCE_WORKER_URL): that worker only. Unset: the market's registrations. */
  workerUrl?: string | undefined;
  market?: { fromBlock?: bigint; trustedClients?: readonly Address[] };
  model: string;
  /** What the model is trusted to be: a market worker is listed only with this commitment and key (market only). */
  pin?: Pick<ModelPin, "commitment" | "verificationKey">;
  /** The user's ceiling, in USDC base units: market workers advertising more per call are not chosen. */
  maxPrice: bigint;
};

export type ChooseQuickWorkerReturnType = Pick<QuickInferenceQuote, "workerUrl" | "modelId" | "choice">;

/**
 * The worker a quick inference asks: the one the user named, or, in the market, the cheapest worker whose ERC-8004
 * registration advertises an x402 price for the model at or below the ceiling, at the endpoint it advertises for paid
 * calls (ties: more trusted feedback, then the
 * lower agent id). What the registration advertises is the worker's word: the price and recipient actually paid come
 * from its 402, checked again by the caller (the ceiling, the policy's allowlist).
 *
 * @example
 * const { workerUrl, modelId } = await chooseQuickWorker({ publicClient, contracts, model: "risk-v1", pin, maxPrice: 50_000n });
 */
export async function chooseQuickWorker({
  publicClient,
  contracts,
  workerUrl,
  market = {},
  model,
  pin,
  maxPrice,
}: ChooseQuickWorkerParameters): Promise<ChooseQuickWorkerReturnType> {
  // The worker serves the model under its name; one that does not serve it says so in its quote (the SDK's
  // WorkerModelNotServedError), before anything is signed.
  if (workerUrl !== undefined) return { workerUrl, modelId: model, choice: { by: "named" } };
  const { ReputationRegistry, ValidationRegistry, InferenceEscrow } = contracts;
  if (!ReputationRegistry || !ValidationRegistry || !InferenceEscrow || !pin) {
    throw new QuickInferenceUnavailableError({
      problem: "no worker is named (CONVERGENCE_WORKER_URL) and this deployment has no market to choose one from.",
      fix: "Name a worker with CONVERGENCE_WORKER_URL, or deploy the full stack (pnpm convergence deploy).",
    });
  }
  const listings = await discoverWorkers({
    publicClient,
    contracts: { AgentRegistry: contracts.AgentRegistry, ReputationRegistry, ValidationRegistry, InferenceEscrow },
    ...(market.fromBlock === undefined ? {} : { fromBlock: market.fromBlock }),
    pin,
    trustedClients: market.trustedClients ?? [],
  });
  const best = pickQuickOffer({ listings, model, maxPrice });
  return {
    workerUrl: best.endpoint,
    modelId: model,
    choice: { by: "market", agentId: best.agentId.toString(), advertisedPrice: best.price },
  };
}
