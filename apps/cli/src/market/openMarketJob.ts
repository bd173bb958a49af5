import type { Deployment } from "@convergence/contracts";
import {
  discoverWorkers,
  type ModelPin,
  parseTrustedClients,
  type ReadClient,
  type RequestInferenceReturnType,
  requestInference,
  type TrustSetup,
  type WorkerListing,
  type WriteClient,
} from "@convergence/sdk";
import { type Address, formatUnits, parseUnits } from "viem";
import { runStep } from "../progress.ts";
import { describeInferenceStep } from "./describeInferenceStep.ts";
import { describeListing } from "./describeListing.ts";
import { explainChoice } from "./explainChoice.ts";
import { rankWorkers } from "./rankWorkers.ts";
import { stripControlCharacters } from "./stripControlCharacters.ts";

export type OpenMarketJobParameters = {
  publicClient: ReadClient;
  /** The requester: pays, and gives the feedback. */
  walletClient: WriteClient;
  deployment: Deployment;
  model: string;
  pin: ModelPin;
  trustSetup?: TrustSetup;
  input: readonly bigint[];
  /** The most USDC the job may pay, e.g. "2": it pays the chosen worker's listed price, at most this. */
  pay: string;
  outputScales: number | readonly number[];
  deadlineSeconds: number;
  /** Seconds each chosen worker has the job to itself (its exclusive window). */
  windowSeconds: number;
  reputationFloor: number;
  /** Clients whose feedback counts besides the requester's (default CONVERGENCE_TRUSTED_CLIENTS). */
  trustClients?: readonly Address[] | undefined;
  /** No progress lines (--json). */
  quiet?: boolean | undefined;
};

/** How the market found, chose and judged the workers for one job (what `job open --json` prints as `market`). */
export type MarketJobSummary = {
  trustedClients: Address[];
  found: { agentId: bigint; url: string; price: string; eligible: boolean; reason: string | null }[];
  skipped: { agentId: bigint; reason: string }[];
  /** The worker the rule chose first, and the facts it was chosen on. */
  chosen: { agentId: bigint; url: string; why: string } | null;
  fulfilledBy: bigint | null;
  attempts: { agentId: bigint; url: string; outcome: string; reason: string | null }[];
  feedback: { agentId: bigint; value: bigint; tag2: string; tx: string | null; error: string | null }[];
};

export type OpenMarketJobReturnType = RequestInferenceReturnType & { market: MarketJobSummary };

/**
 * `job open` without a worker: finds the workers serving the pinned model (discoverWorkers), prints them ranked by the
 * SDK's rule, then buys the inference through requestInference's market mode: the job reserved for the first worker for
 * `windowSeconds`, failover to the next when it does not prove in time, feedback to each worker judged, a refund if
 * nobody proves it by the deadline. Progress lines for every step (choose, open, deliver, attest, failover, feedback,
 * refund) on stderr.
 *
 * @example
 * const result = await openMarketJob({ publicClient, walletClient, deployment, model: "risk-v1", pin, input,
 *   pay: "2", outputScales: 8, deadlineSeconds: 600, windowSeconds: 60, reputationFloor: 80 });
 */
export async function openMarketJob({
  publicClient,
  walletClient,
  deployment,
  model,
  pin,
  trustSetup,
  input,
  pay,
  outputScales,
  deadlineSeconds,
  windowSeconds,
  reputationFloor,
  trustClients,
  quiet = false,
}: OpenMarketJobParameters): Promise<OpenMarketJobReturnType> {
  // Lines quote workers' URLs and reasons (their registration files' content): no terminal escapes get through.
  const say = (line: string) => {
    if (!quiet) process.stderr.write(`${stripControlCharacters({ text: line })}\n`);
  };
  const requester = walletClient.account.address;
  const named =
    trustClients ??
    parseTrustedClients({ value: process.env.CONVERGENCE_TRUSTED_CLIENTS, source: "CONVERGENCE_TRUSTED_CLIENTS" });
  const trustedClients = [...new Set([requester, ...named])];
  const amount = parseUnits(pay, 6);
  const fromBlock = BigInt(deployment.startBlock);
  const listings = await runStep({
    title: `Finding the workers that serve ${model} (AgentRegistry, their registration files, reputation over ${trustedClients.length} trusted client${trustedClients.length === 1 ? "" : "s"})`,
    quiet,
    run: () => discoverWorkers({ publicClient, contracts: deployment.contracts, fromBlock, pin, trustedClients }),
  });
  const { ranked, ineligible } = rankWorkers({ listings, maxPrice: amount, reputationFloor });
  for (const [i, listing] of ranked.entries()) say(`  ${i + 1}. ${describeListing({ listing })}`);
  for (const { listing, reason } of ineligible) say(`  -  ${describeListing({ listing })}: not eligible, ${reason}`);
  for (const { agentId, reason } of listings.skipped) say(`  -  agent ${agentId}: not listed, ${reason}`);

  const result = await requestInference({
    publicClient,
    walletClient,
    escrow: deployment.contracts.InferenceEscrow,
    pin,
    ...(trustSetup === undefined ? {} : { trustSetup }),
    market: {
      contracts: deployment.contracts,
      fromBlock,
      trustedClients: named,
      reputationFloor,
      modelName: model,
      listings,
    },
    exclusiveSeconds: windowSeconds,
    input,
    amount,
    outputScales,
    deadlineSeconds,
    onStep: async (step, run) => {
      const value = await runStep({ title: describeInferenceStep({ step, model }), quiet, run });
      if (step.name === "choose" || step.name === "failover") {
        const listing = (value as { listing?: WorkerListing } | undefined)?.listing;
        say(
          listing
            ? `  chose ${describeListing({ listing })}${step.name === "choose" ? `: ${explainChoice({ listing, ranked })}` : ""}`
            : "  no other worker is eligible: the tried ones may still prove it until the deadline",
        );
      }
      return value;
    },
  });
  // The worker the rule chose first and the job was opened for (the ones skipped before it were never handed the input).
  const first = result.attempts.find((attempt) => attempt.outcome !== "skipped");
  const market: MarketJobSummary = {
    trustedClients,
    found: listings.map((listing) => {
      const reason = ineligible.find((entry) => entry.listing === listing)?.reason ?? null;
      return {
        agentId: listing.agentId,
        url: listing.url,
        price: formatUnits(listing.model.price, 6),
        eligible: reason === null,
        reason,
      };
    }),
    skipped: listings.skipped.map(({ agentId, reason }) => ({ agentId, reason })),
    chosen: first?.listing
      ? { agentId: first.workerAgentId, url: first.url, why: explainChoice({ listing: first.listing, ranked }) }
      : null,
    fulfilledBy: result.worker?.agentId ?? null,
    attempts: result.attempts.map((attempt) => ({
      agentId: attempt.workerAgentId,
      url: attempt.url,
      outcome: attempt.outcome,
      reason: attempt.reason ?? null,
    })),
    feedback: result.feedback.map((entry) => ({
      agentId: entry.workerAgentId,
      value: entry.value,
      tag2: entry.tag2,
      tx: entry.hash ?? null,
      error: entry.error ?? null,
    })),
  };
  return { ...result, market };
}
