import { type Address, formatUnits, type Hex } from "viem";
import { parseWorkerRegistration } from "./parseWorkerRegistration.ts";
import { WORKER_REGISTRATION_TYPE, WORKER_SERVICE_NAME, type WorkerRegistration } from "./workerRegistration.ts";

/** A model the worker proves, with the registration it proves for and its price floor. */
export type BuildWorkerRegistrationModel = {
  name: string;
  /** The ModelRegistry id of the registration it serves. */
  modelId: bigint;
  commitment: bigint;
  vkeyHash: Hex;
  verifier: Address;
  /** Default "groth16". */
  proofSystem?: string;
  /** The price floor in the token's base units: a job paying it is proven. */
  price: bigint;
  /** The escrow's token. */
  token: Address;
  /** The price of one unproven answer paid with x402 (`POST /v1/inference`), in the token's base units; 0 or unset: none. */
  x402Price?: bigint;
};

export type BuildWorkerRegistrationParameters = {
  /** The worker's public URL (its HTTP API). */
  endpoint: string;
  agentId: bigint;
  chainId: number;
  agentRegistry: Address;
  models: BuildWorkerRegistrationModel[];
  /** The token's decimals, for `price` (default 6, USDC). */
  tokenDecimals?: number;
  /** Default "Convergence inference worker". */
  name?: string;
  /** Default: what it proves and settles, naming the models. */
  description?: string;
  image?: string;
  /** Default true. */
  active?: boolean;
};

export type BuildWorkerRegistrationReturnType = WorkerRegistration;

/**
 * A worker's ERC-8004 registration file: its endpoint (service WORKER_SERVICE_NAME), the agent it is, and each model it
 * proves with the pins of the registration it serves and its price floor. The worker serves it at
 * WORKER_REGISTRATION_PATH and points its agentURI there. What it builds always passes parseWorkerRegistration.
 *
 * @example
 * const file = buildWorkerRegistration({ endpoint: "http://127.0.0.1:8080", agentId: 3n, chainId: 31337,
 *   agentRegistry, models: [{ name: "risk-v1", modelId: 1n, commitment, vkeyHash, verifier, price: 500_000n, token }] });
 */
export function buildWorkerRegistration({
  endpoint,
  agentId,
  chainId,
  agentRegistry,
  models,
  tokenDecimals = 6,
  name = "Convergence inference worker",
  description,
  image = "",
  active = true,
}: BuildWorkerRegistrationParameters): BuildWorkerRegistrationReturnType {
  const names = models.map((model) => model.name);
  const file = {
    type: WORKER_REGISTRATION_TYPE,
    name,
    description:
      description ??
      `Proves inference of ${names.length > 0 ? names.join(", ") : "no model yet"} with Groth16 and settles InferenceEscrow jobs.`,
    image,
    services: [{ name: WORKER_SERVICE_NAME, endpoint: endpoint.replace(/\/+$/, ""), version: "1" }],
    x402Support: models.some((model) => (model.x402Price ?? 0n) > 0n),
    active,
    // A JSON number, as ERC-8004 writes it: agent ids are sequential, far below 2^53 (parse refuses larger ones).
    registrations: [{ agentId: Number(agentId), agentRegistry: `eip155:${chainId}:${agentRegistry}` }],
    supportedTrust: ["reputation", "crypto-economic"],
    models: models.map((model) => ({
      name: model.name,
      modelId: model.modelId.toString(),
      commitment: model.commitment.toString(),
      vkeyHash: model.vkeyHash,
      verifier: model.verifier,
      proofSystem: model.proofSystem ?? "groth16",
      price: formatUnits(model.price, tokenDecimals),
      priceUnits: model.price.toString(),
      token: model.token,
      ...((model.x402Price ?? 0n) > 0n
        ? {
            x402: {
              price: formatUnits(model.x402Price!, tokenDecimals),
              priceUnits: model.x402Price!.toString(),
              endpoint: `${endpoint.replace(/\/+$/, "")}/v1/inference`,
            },
          }
        : {}),
    })),
  };
  // The worker's own file goes through the requesters' check: what it serves can never fail to parse.
  return parseWorkerRegistration({ value: file, source: `buildWorkerRegistration (${endpoint})` });
}
