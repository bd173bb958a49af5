import type { Address } from "viem";

/** The contracts the dashboard reads, by name (a deployment record's `contracts`). Empty: nothing deployed yet. */
export type DashboardContracts = Partial<
  Record<
    | "DIDRegistry"
    | "AgentRegistry"
    | "USDC"
    | "WETH"
    | "Pool"
    | "ModelRegistry"
    | "ValidationRegistry"
    | "InferenceAttestor"
    | "InferenceEscrow"
    | "ReputationRegistry",
    Address
  >
> &
  Record<string, Address>;

/**
 * `GET /config.json`, as `serveDashboard` (apps/cli/src/web) answers it: where the chain, the contracts, the workers and
 * the agent endpoint are. The page reads the chain and the workers itself; the server only says where they are.
 */
export type DashboardConfig = {
  rpcUrl: string;
  chainId: number;
  contracts: DashboardContracts;
  /** First block read for events (the deployment's start block), a decimal string. */
  fromBlock: string;
  /** Worker base URLs (their GET routes answer any origin). */
  workers: string[];
  /** `convergence agent serve`'s URL, or null when none runs. */
  agentUrl: string | null;
  facilitatorUrl?: string | null;
};
