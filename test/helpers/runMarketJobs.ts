import type { Deployment } from "@convergence/contracts";
import {
  MarketJobRefundedError,
  type ModelPin,
  type ReadClient,
  type RequestInferenceAttempt,
  type RequestInferenceFeedback,
  type RequestInferenceStep,
  requestInference,
  type WriteClient,
} from "@convergence/sdk";
import type { Address } from "viem";

export type MarketRequester = { name: string; wallet: WriteClient };

/** One job of a market run, as the requester saw it. */
export type MarketJobRecord = {
  index: number;
  requester: string;
  /** Undefined when no job was opened (no worker eligible: NoWorkerAvailableError, nothing paid). */
  jobId: bigint | undefined;
  outcome: "fulfilled" | "refunded" | "error";
  /** The agent each window was given to, in order (the open's, then each failover's). */
  reservedFor: bigint[];
  /** The agent whose proof settled it. */
  fulfilledBy: bigint | undefined;
  /** What the job paid (the chosen worker's price, at most `amount`); undefined when none was opened. */
  paid: bigint | undefined;
  attempts: RequestInferenceAttempt[];
  feedback: RequestInferenceFeedback[];
  /** Wall-clock milliseconds: request start, job open mined, attestation seen, request end. */
  startedAt: number;
  openedAt: number | undefined;
  settledAt: number | undefined;
  endedAt: number;
  error: string | undefined;
};

export type RunMarketJobsParameters = {
  publicClient: ReadClient;
  deployment: Pick<Deployment, "contracts" | "startBlock">;
  requesters: readonly MarketRequester[];
  /** Jobs in all, dealt to the requesters in turn. */
  jobs: number;
  /** Jobs each requester keeps in flight at once. */
  concurrency: number;
  pin: ModelPin;
  /** Payment per job, in USDC base units: also the most a requester pays (chooseWorker's maxPrice). */
  amount: bigint;
  outputScales: number;
  /** Each worker's window (requestInference's exclusiveSeconds). */
  exclusiveSeconds: number;
  deadlineSeconds: number;
  /** Other requesters whose feedback each one trusts besides its own (default: every requester of the run). */
  trustedClients?: readonly Address[];
  /** Told of each step as it starts (for the test to act mid-run, e.g. to kill a worker), and of each job's end. */
  onStep?: (record: MarketJobRecord, step: RequestInferenceStep) => void;
  onJobEnd?: (record: MarketJobRecord) => void;
};

/** A deterministic input per job: varied, inside risk-v1's 16-bit fixed-point range. */
function jobInput(index: number): bigint[] {
  return Array.from({ length: 8 }, (_, i) => BigInt(((index * 37 + i * 101) % 1024) - 512));
}

/**
 * Drives `jobs` verified inferences through the SDK's market flow (requestInference without a worker: discover,
 * choose, verify, open, deliver, fail over, feedback, refund), `concurrency` at a time per requester, and records what
 * each job went through. Never throws for a job: a refund or an error is recorded in its outcome.
 *
 * @example
 * const records = await runMarketJobs({ publicClient, deployment, requesters, jobs: 30, concurrency: 3, pin,
 *   amount: 200_000n, outputScales: 8, exclusiveSeconds: 20, deadlineSeconds: 600 });
 */
export async function runMarketJobs({
  publicClient,
  deployment,
  requesters,
  jobs,
  concurrency,
  pin,
  amount,
  outputScales,
  exclusiveSeconds,
  deadlineSeconds,
  trustedClients,
  onStep,
  onJobEnd,
}: RunMarketJobsParameters): Promise<MarketJobRecord[]> {
  const trusted = trustedClients ?? requesters.map(({ wallet }) => wallet.account.address);
  const records: MarketJobRecord[] = [];
  // One open at a time per requester: openJob signs an ERC-2612 permit with the token's current nonce for the owner,
  // so two opens in flight from one account sign the same nonce and the second reverts (InferenceEscrowPermitFailed).
  // Everything else a job does (choose, deliver, wait, fail over, feedback) overlaps.
  const openLocks = new Map<string, Promise<unknown>>();
  const serialized = <T>(key: string, run: () => Promise<T>): Promise<T> => {
    const result = (openLocks.get(key) ?? Promise.resolve()).then(run);
    openLocks.set(
      key,
      result.catch(() => undefined),
    );
    return result;
  };
  const runOne = async (requester: MarketRequester, index: number) => {
    const record: MarketJobRecord = {
      index,
      requester: requester.name,
      jobId: undefined,
      outcome: "error",
      reservedFor: [],
      fulfilledBy: undefined,
      paid: undefined,
      attempts: [],
      feedback: [],
      startedAt: Date.now(),
      openedAt: undefined,
      settledAt: undefined,
      endedAt: 0,
      error: undefined,
    };
    records.push(record);
    try {
      const result = await requestInference({
        publicClient,
        walletClient: requester.wallet,
        escrow: deployment.contracts.InferenceEscrow,
        pin,
        input: jobInput(index),
        amount,
        outputScales,
        exclusiveSeconds,
        deadlineSeconds,
        market: {
          contracts: deployment.contracts,
          fromBlock: BigInt(deployment.startBlock),
          trustedClients: trusted.filter((client) => client !== requester.wallet.account.address),
          modelName: "risk-v1",
        },
        onStep: async (step, run) => {
          if (step.name === "open") record.reservedFor.push(step.workerAgentId);
          if (step.name === "deliver" && record.reservedFor.at(-1) !== step.workerAgentId) {
            record.reservedFor.push(step.workerAgentId);
          }
          onStep?.(record, step);
          const value = step.name === "open" ? await serialized(requester.name, run) : await run();
          if (step.name === "open") {
            record.openedAt = Date.now();
            record.jobId = (value as { jobId: bigint }).jobId;
            record.paid = step.amount;
          }
          return value;
        },
      });
      record.outcome = "fulfilled";
      record.settledAt = Date.now();
      record.jobId = result.jobId;
      record.fulfilledBy = result.attempts.find((attempt) => attempt.outcome === "fulfilled")?.workerAgentId;
      record.attempts = result.attempts;
      record.feedback = result.feedback;
    } catch (error) {
      if (error instanceof MarketJobRefundedError) {
        record.outcome = "refunded";
        record.jobId = error.jobId;
      }
      record.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    } finally {
      record.endedAt = Date.now();
      onJobEnd?.(record);
    }
  };
  // Job i goes to requester i mod n; each requester works through its own share, `concurrency` at a time.
  await Promise.all(
    requesters.map(async (requester, r) => {
      const mine = Array.from({ length: jobs }, (_, i) => i).filter((i) => i % requesters.length === r);
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(concurrency, mine.length) }, async () => {
          while (next < mine.length) {
            const index = mine[next++]!;
            await runOne(requester, index);
          }
        }),
      );
    }),
  );
  return records.sort((a, b) => a.index - b.index);
}

/** The p-th percentile (0-100) of the values, nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
