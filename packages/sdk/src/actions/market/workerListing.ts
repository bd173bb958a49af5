import type { Address } from "viem";
import type { WorkerRegistration } from "./workerRegistration.ts";

/**
 * What the escrow's events say about a worker agent (readWorkerStats). Objective, but anyone can open jobs reserved for
 * any worker and never hand over the input: these figures are shown, never used to exclude a worker.
 */
export type WorkerStats = {
  /** Jobs opened reserved for it. */
  reserved: number;
  /** Jobs it fulfilled (reserved for it or not). */
  fulfilled: number;
  /** Jobs reserved for it that another agent fulfilled or that were refunded ("recent failures"). */
  failedOver: number;
  /**
   * Its load: jobs reserved for it, still open, due within the hour, opened by the requester or a client it trusts and
   * paying at least its listed price (see aggregateWorkerStats). Anyone else's jobs do not count.
   */
  open: number;
};

/** A worker's reputation over the clients a requester trusts (ERC-8004 ReputationRegistry, tag1 "successRate"). */
export type WorkerReputation = {
  /** Feedback entries from the trusted clients (revoked ones skipped). */
  count: number;
  /** Average success in percent; undefined without trusted feedback. */
  successRate: number | undefined;
  /** Median open-to-attested latency over the successes' `latencyMs:` tags; undefined without any. */
  medianLatencyMs: number | undefined;
};

/** A worker that serves the pinned model, as discoverWorkers found it. */
export type WorkerListing = {
  agentId: bigint;
  /** The agent's owner in the AgentRegistry. */
  owner: Address;
  /** The agent's wallet: the account that fulfils and is paid. */
  wallet: Address;
  /** The worker's HTTP API (its registration file's "convergence-inference" service endpoint). */
  url: string;
  /** The registration file it serves at its agentURI (the worker's claims). */
  registration: WorkerRegistration;
  /** The registration's model entry that matches the pin (commitment and vkeyHash). */
  model: {
    name: string;
    /** The ModelRegistry id the worker proves for (its claim: checkModelPin holds it against the pin before paying). */
    modelId: bigint;
    /** Its price floor for the model, in the escrow token's base units. */
    price: bigint;
    /** Its quick, unproven answer paid per call with x402, when it sells one: the price in base units and the URL. */
    x402?: { price: bigint; endpoint: string };
  };
  reputation: WorkerReputation;
  /** Jobs the attestor settled for the agent (the escrow's JobFulfilled events naming it: stats.fulfilled). */
  validations: number;
  stats: WorkerStats;
};

/** An agent discoverWorkers saw but does not list, and why ("unreachable: ...", "no model matching the pin", ...). */
export type SkippedWorker = {
  agentId: bigint;
  /** The agent's current agentURI (tokenURI). */
  agentURI: string;
  reason: string;
};
