import type { Address, Hex } from "viem";
import type { TokenSymbol } from "../intent/types.ts";
import type { PolicyGuard } from "../policy/createPolicyGuard.ts";

/** A transaction the agent sent. */
export type SentTransaction = { hash: Hex; gasUsed?: bigint };

/**
 * A quick inference's quote: the worker chosen, the input read from the chain, and what the worker's 402 asks (read
 * without paying: nothing signed). `price` 0n: the worker answers for free, and `payTo` is undefined.
 */
export type QuickInferenceQuote = {
  model: string;
  /** The market scored, e.g. "WETH/USDC". */
  subject: string;
  /** The worker's URL (the named worker's, or the endpoint its registration advertises for paid calls). */
  workerUrl: string;
  /** The model as the worker serves it (its POST /v1/inference `modelId`: the model's name). */
  modelId: string;
  /** The model's input, read from the chain and quantized, as the worker takes it. */
  input: readonly bigint[];
  /** How to read the answer: the model's fixed-point scale S (outputs are round(v * 2^S)) and its labels in order. */
  output: { scale: number; labels: readonly string[] };
  /** USDC base units the worker asks per call. */
  price: bigint;
  /** Who the payment goes to, from the worker's 402 (the worker's word: the policy's allowlist decides). */
  payTo: Address | undefined;
  /** How the worker was chosen: named by the user (CONVERGENCE_WORKER_URL), or from the market's registrations. */
  choice: { by: "named" } | { by: "market"; agentId: string; advertisedPrice: string };
};

/** What the eleven tools do on the chain. createSdkActions implements them with @convergence/sdk. */
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
  /**
   * Chooses a worker that sells `model` per call over x402, reads the model's input from the chain and the worker's
   * price and recipient from its 402, without paying (nothing is signed). `maxPayment` (USDC whole units) is the
   * user's ceiling: in the market, only workers advertising at most that are chosen. Undefined when the deployment has
   * no x402 support.
   */
  quoteQuickInference?: (parameters: {
    model: string;
    subject: string;
    maxPayment: string;
  }) => Promise<QuickInferenceQuote>;
  /**
   * Pays the quoted worker over x402 (at most `maxAmount` base units, to the quoted `payTo` only) and returns its
   * unproven answer: `{ risk, score, probabilities, outputs, verified: false, price, payTo, settlementTx, ... }`.
   * Throws QuickPaymentRefusedError when it refused before signing anything.
   */
  payQuickInference?: (parameters: {
    quote: QuickInferenceQuote;
    maxAmount: bigint;
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
