import type { Address, Hex } from "viem";
import type { TokenSymbol } from "../intent/types.ts";
import type { PolicyGuard } from "../policy/createPolicyGuard.ts";

/** A transaction the agent sent. */
export type SentTransaction = { hash: Hex; gasUsed?: bigint };

/** What the ten tools do on the chain. createSdkActions implements them with @convergence/sdk. */
export type AgentActions = {
  getBalances(parameters: { account: Address }): Promise<{ symbol: string; balance: string }[]>;
  quoteSwap(parameters: {
    tokenIn: TokenSymbol;
    tokenOut: TokenSymbol;
    amountIn: string;
  }): Promise<{ amountOut: string }>;
  swapTokens(parameters: {
    tokenIn: TokenSymbol;
    tokenOut: TokenSymbol;
    amountIn: string;
    maxSlippageBps: number;
  }): Promise<{ amountOut: string; minAmountOut: string; transactions: SentTransaction[] }>;
  transferTokens(parameters: { token: TokenSymbol; amount: string; to: Address }): Promise<SentTransaction>;
  wrapEth(parameters: { amount: string }): Promise<SentTransaction>;
  unwrapEth(parameters: { amount: string }): Promise<SentTransaction>;
  registerAgent(parameters: {
    name: string;
    serviceUrl?: string;
  }): Promise<{ agentId: string; did: string } & SentTransaction>;
  resolveDid(parameters: { did: string }): Promise<unknown>;
  /** An address, or a did:ethr DID read down to its address. */
  resolveAddress(parameters: { value: string }): Promise<Address>;
  /**
   * Opens an escrow job for a verified inference, waits for the attestation and returns the verified
   * output: `{ attestationId, risk: "low" | "medium" | "high", score, ... }`. Undefined when the
   * deployment has no inference market (InferenceEscrow and InferenceAttestor).
   */
  requestVerifiedInference?: (parameters: {
    model: string;
    subject: string;
    maxPayment: string;
  }) => Promise<Record<string, unknown>>;
  /** Reads a recorded attestation. Undefined until the inference market's SDK actions exist. */
  getAttestation?: (parameters: { id: Hex }) => Promise<unknown>;
};

/** Everything a tool needs, injected so tools can be tested without a chain. */
export type AgentContext = {
  /** The agent's own account. */
  account: Address;
  actions: AgentActions;
  /** The spending policy every send goes through. */
  guard: PolicyGuard;
  /** Slippage for swaps that name none, in basis points (the policy's default). */
  defaultSlippageBps: number;
};
