/** The tokens the agent trades: native ETH, wrapped ETH and the devnet stablecoin. */
export type TokenSymbol = "ETH" | "WETH" | "USDC";

/** Decimals of each token: amounts with more fractional digits than this cannot be sent. */
export const tokenDecimals: Record<TokenSymbol, number> = { ETH: 18, WETH: 18, USDC: 6 };

/** The eleven tools of the design, by their snake_case names. */
export type ToolName =
  | "get_balances"
  | "transfer_tokens"
  | "swap_tokens"
  | "quote_swap"
  | "wrap_eth"
  | "unwrap_eth"
  | "register_agent"
  | "resolve_did"
  | "request_verified_inference"
  | "get_quick_inference"
  | "get_attestation";

/** Tools that spend or change state, and so go through the spending policy. */
export const sendingTools: readonly ToolName[] = [
  "transfer_tokens",
  "swap_tokens",
  "wrap_eth",
  "unwrap_eth",
  "register_agent",
  "request_verified_inference",
  "get_quick_inference",
];

export type RiskLevel = "low" | "medium" | "high";
export type ComparisonOperator = "eq" | "ne" | "lt" | "le" | "gt" | "ge";

/**
 * A condition on an earlier call's result: the executor evaluates it against the attested output of
 * call `dependsOn` (a `request_verified_inference`) and runs the call only when it holds.
 * `text` is the canonical form printed in plan JSON, e.g. `risk == low`, `risk <= medium`, `score < 0.3`.
 */
export type PlanCondition =
  | { text: string; dependsOn: number; field: "risk"; op: ComparisonOperator; value: RiskLevel }
  | { text: string; dependsOn: number; field: "score"; op: ComparisonOperator; value: number };

export type PlanArgs = Record<string, string | number>;

/**
 * One planned tool call. `why` says, for a choice between tools that do the same job differently (a verified
 * inference through the escrow or a quick one paid per call), which was chosen and what in the intent chose it.
 */
export type PlannedCall = { name: ToolName; args: PlanArgs; condition?: PlanCondition; why?: string };

/** What the intent parser returns: calls in order, or no calls and the reason. */
export type Plan = { calls: PlannedCall[]; refusal?: string };

/** The plan as printed by `convergence agent plan --json` (design.md): conditions as text. */
export type PlanJson = {
  calls: { name: string; args: PlanArgs; condition?: string; why?: string }[];
  refusal?: string;
};

/**
 * What an action builder returns for one step: a call, or why the step cannot be planned (`conflict`: the step asks
 * for two things that exclude each other, which no other reading of the intent can fix).
 */
export type BuildResult = { ok: true; call: PlannedCall } | { ok: false; reason: string; conflict?: true };
