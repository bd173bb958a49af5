import type { Address } from "viem";
import type { TokenSymbol } from "../intent/types.ts";

export type StackAddresses = {
  WETH: Address;
  USDC: Address;
  Pool: Address;
  AgentRegistry: Address;
  DIDRegistry: Address;
  /** Present on deployments that include the inference market. */
  InferenceAttestor?: Address;
  InferenceEscrow?: Address;
  /** Present on deployments with the open market (issue #15): workers' feedback and validations. */
  ReputationRegistry?: Address;
  ValidationRegistry?: Address;
  /** Present on deployments with agent accounts (issue #18): the code owners delegate to with EIP-7702. */
  AgentAccount?: Address;
};

/**
 * The ERC-20 that stands for a token in the pool: WETH for ETH (wrapped around the swap).
 *
 * @example
 * poolToken({ symbol: "ETH", contracts }); // contracts.WETH
 */
export function poolToken({ symbol, contracts }: { symbol: TokenSymbol; contracts: StackAddresses }): Address {
  return symbol === "USDC" ? contracts.USDC : contracts.WETH;
}
