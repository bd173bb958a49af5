import { mkdirSync } from "node:fs";
import { type AgentEvent, createAgentContext, parseIntent, runIntent } from "@convergence/agent";
import type { Deployment } from "@convergence/contracts";
import type { RequestInferenceStep } from "@convergence/sdk";
import type { Account, Address, Hash, HDAccount } from "viem";
import { describeEvent } from "../describeEvent.ts";
import { CliError } from "../errors.ts";

export const SHOWCASE_INTENT =
  "Get a verified risk score for WETH/USDC paying at most 2 USDC, and if the risk is low swap 100 USDC for WETH";

export type RunShowcaseParameters = {
  rpcUrl: string;
  deployment: Deployment;
  /** The agent's own key; or, with `session`, none: the agent runs on the session key alone. */
  account?: HDAccount;
  /** Run on a session key of the owner's EIP-7702 account (grantDemoSession): every send a batch the chain checks. */
  session?: { account: Address; key: Account };
  /** Buy from this worker only; unset (the demo): the open market chooses among the workers serving risk-v1. */
  workerUrl?: string;
  /** Holds the agent's policy.json and spend ledger for this run. */
  home: string;
  intent?: string;
  /** Each agent event as it happens (→ call, ✔/✖ result, answer) and the policy's decisions. */
  onLine?: (line: string) => void;
  /** Each step of the verified inference (choose, open, deliver, attest, failover, feedback), wrapping its run. */
  onInferenceStep?: <T>(step: RequestInferenceStep, run: () => Promise<T>) => Promise<T>;
};

export type RunShowcaseReturnType = {
  jobId: bigint;
  attestationId: `0x${string}`;
  risk: string;
  /** The verified inference as the agent's tool returned it. */
  inference: Record<string, unknown>;
  /** The condition the plan put on the rest, and whether the attested output met it. */
  condition: { text: string; met: boolean } | undefined;
  swapTx: Hash | undefined;
  events: AgentEvent[];
  answer: string;
};

/**
 * Runs the agent (embedded intent model, LangChain tools) on the showcase intent with the spending policy on: caps,
 * allowlist, slippage ceiling and an on-chain simulation before each send; `yes` stands in for the confirmation. The
 * agent's request_verified_inference tool buys the risk score through the SDK's requestInference (the worker chosen
 * from the open market unless `workerUrl` names one, escrow job, input handed to it, on-chain attestation, feedback);
 * the swap runs only if the attested risk meets the plan's condition.
 *
 * @example
 * const { swapTx, risk } = await runShowcase({ rpcUrl, deployment, account, home });
 */
export async function runShowcase({
  rpcUrl,
  deployment,
  account,
  session,
  workerUrl,
  home,
  intent = SHOWCASE_INTENT,
  onLine,
  onInferenceStep,
}: RunShowcaseParameters): Promise<RunShowcaseReturnType> {
  mkdirSync(home, { recursive: true });
  const plan = parseIntent({ text: intent });
  const inferenceAt = plan.calls.findIndex((call) => call.name === "request_verified_inference");
  if (plan.refusal !== undefined || inferenceAt < 0) {
    throw new CliError(
      `The intent does not plan a verified inference: ${plan.refusal ?? plan.calls.map((c) => c.name).join(", ")}.`,
      { metaMessages: ['Try: --intent "Get a verified risk score for WETH/USDC paying at most 2 USDC"'] },
    );
  }
  const { context } = createAgentContext({
    rpcUrl,
    chainId: deployment.chainId,
    ...(session ? { session } : { account: account! }),
    contracts: deployment.contracts,
    home,
    // The demo shows the market: no CONVERGENCE_WORKER_URL of the user's shell narrows it to one worker.
    workerUrl: workerUrl ?? null,
    market: { fromBlock: BigInt(deployment.startBlock) },
    ...(onInferenceStep === undefined ? {} : { onInferenceStep }),
    yes: true,
    onDecision: (_call, decision) =>
      onLine?.(
        decision.allowed
          ? `  policy: allowed (caps, allowlist, slippage; simulated${decision.simulation.ok && decision.simulation.gas ? `, ~${decision.simulation.gas} gas` : ""})`
          : `  policy: refused (${decision.violation.rule})`,
      ),
  });
  if (!context.actions.requestVerifiedInference) {
    throw new CliError("This build's agent cannot buy verified inference (no requestVerifiedInference action).", {
      metaMessages: [
        "Update @convergence/agent: its request_verified_inference tool needs the inference-market wiring.",
      ],
    });
  }
  const { events, answer } = await runIntent({
    intent,
    context,
    onEvent: (event) => onLine?.(describeEvent(event)),
  });
  const result = resultOf(events, "request_verified_inference");
  if (!result?.ok) {
    throw new CliError(`The agent's verified inference failed: ${result?.text ?? "the agent never called it"}.`);
  }
  const inference = JSON.parse(result.text) as Record<string, unknown>;
  if (typeof inference.attestationId !== "string" || typeof inference.risk !== "string") {
    throw new CliError(`The verified inference returned no attestationId or risk: ${result.text}`);
  }
  const attestationId = inference.attestationId as `0x${string}`;
  const condition = plan.calls.find((call) => call.condition)?.condition;
  const swap = resultOf(events, "swap_tokens");
  return {
    jobId: BigInt(typeof inference.jobId === "string" ? inference.jobId : attestationId),
    attestationId,
    risk: inference.risk,
    inference,
    condition: condition && { text: condition.text, met: swap !== undefined },
    swapTx: swap?.ok ? swapHash(swap.text) : undefined,
    events,
    answer,
  };
}

function resultOf(events: AgentEvent[], name: string) {
  return events.find((e): e is Extract<AgentEvent, { type: "result" }> => e.type === "result" && e.name === name);
}

/** The swap's own transaction (the last one: an approve may come first). */
function swapHash(text: string): Hash | undefined {
  try {
    const parsed = JSON.parse(text) as { transactions?: { hash: Hash }[]; hash?: Hash };
    return parsed.transactions?.at(-1)?.hash ?? parsed.hash;
  } catch {
    return undefined;
  }
}
