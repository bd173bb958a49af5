import type { Address } from "viem";

/** The contracts `deployStack` deploys, by name. */
export type StackContractName =
  | "DIDRegistry"
  | "AgentRegistry"
  | "USDC"
  | "WETH"
  | "Pool"
  | "ModelRegistry"
  | "ValidationRegistry"
  | "InferenceAttestor"
  | "InferenceEscrow"
  | "ReputationRegistry"
  | "AgentAccount";

export const stackContractNames: readonly StackContractName[] = [
  "DIDRegistry",
  "AgentRegistry",
  "USDC",
  "WETH",
  "Pool",
  "ModelRegistry",
  "ValidationRegistry",
  "InferenceAttestor",
  "InferenceEscrow",
  "ReputationRegistry",
  "AgentAccount",
];

/** `deployments/<chainId>.json`: where each contract lives on one chain. */
export type Deployment = {
  chainId: number;
  deployer: Address;
  /** Block of the first deployment transaction; watchers start from here. */
  startBlock: string;
  deployedAt: string;
  contracts: Record<StackContractName, Address> & Record<string, Address>;
};
