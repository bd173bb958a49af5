import { inferenceAttestorAbi, inferenceEscrowAbi } from "@convergence/contracts";
import {
  getOpenedJobs,
  getWorkerJob,
  type OpenedJob,
  type WorkerJob,
  WorkerJobNotFoundError,
  WorkerRequestError,
} from "@convergence/sdk";
import type { Address, Hash, PublicClient } from "viem";
import type { DashboardConfig } from "../config/dashboardConfig.ts";
import { type JobState, jobState } from "./jobState.ts";

/** A job as the dashboard shows it: the JobOpened event, what settled or refunded it, and its worker's view. */
export type JobRow = OpenedJob & {
  state: JobState;
  fulfilled?: { agentId: bigint; worker: Address; amount: bigint; transactionHash: Hash; blockNumber: bigint };
  attested?: { outputs: readonly bigint[]; validationRequestHash: Hash; transactionHash: Hash };
  refunded?: { transactionHash: Hash };
  /** Gas the fulfil transaction used (proof verification, attestation, payment). */
  fulfilGas?: bigint;
  /** The worker that knows the job, and what it says (state, timings: prove time). */
  worker?: { url: string; job: WorkerJob };
};

export type ReadJobsReturnType = {
  /** Newest first. */
  jobs: JobRow[];
  /** Configured workers that did not answer (the page says how to start one). */
  workersDown: string[];
  blockNumber: bigint;
};

/**
 * Every job on the escrow from the configured start block, newest first, with its state: the escrow's and attestor's
 * events decide settled, verified and refunded; the configured workers are asked about the newest `detail` jobs (their
 * state while open, their timings), and the fulfil receipts give the gas.
 *
 * @example
 * const { jobs, workersDown } = await readJobs({ client, config });
 */
export async function readJobs({
  client,
  config,
  detail = 25,
}: {
  client: PublicClient;
  config: DashboardConfig;
  detail?: number;
}): Promise<ReadJobsReturnType> {
  const escrow = config.contracts.InferenceEscrow;
  const attestor = config.contracts.InferenceAttestor;
  const blockNumber = await client.getBlockNumber({ cacheTime: 0 });
  if (!escrow) return { jobs: [], workersDown: [], blockNumber };
  const fromBlock = BigInt(config.fromBlock);
  const range = { fromBlock, toBlock: blockNumber };
  const [opened, fulfilled, refunded, attested] = await Promise.all([
    getOpenedJobs({ client, escrow, ...range }),
    client.getContractEvents({
      address: escrow,
      abi: inferenceEscrowAbi,
      eventName: "JobFulfilled",
      strict: true,
      ...range,
    }),
    client.getContractEvents({
      address: escrow,
      abi: inferenceEscrowAbi,
      eventName: "JobRefunded",
      strict: true,
      ...range,
    }),
    attestor
      ? client.getContractEvents({
          address: attestor,
          abi: inferenceAttestorAbi,
          eventName: "InferenceAttested",
          strict: true,
          ...range,
        })
      : Promise.resolve([]),
  ]);
  const fulfilledBy = new Map(fulfilled.map((log) => [log.args.jobId, log]));
  const refundedBy = new Map(refunded.map((log) => [log.args.jobId, log]));
  const attestedBy = new Map(attested.map((log) => [log.args.jobId, log]));

  const workersDown = new Set<string>();
  const askWorkers = async (jobId: bigint): Promise<JobRow["worker"]> => {
    for (const url of config.workers) {
      if (workersDown.has(url)) continue;
      try {
        return { url, job: await getWorkerJob({ workerUrl: url, jobId, timeoutMs: 3_000 }) };
      } catch (error) {
        if (error instanceof WorkerJobNotFoundError) continue;
        // Any answer (a 4xx) means it is up; no answer at all means it is down.
        if (!(error instanceof WorkerRequestError)) workersDown.add(url);
      }
    }
    return undefined;
  };

  const newestFirst = [...opened].reverse();
  const jobs = await Promise.all(
    newestFirst.map(async (job, index): Promise<JobRow> => {
      const fulfil = fulfilledBy.get(job.jobId);
      const attestation = attestedBy.get(job.jobId);
      const refund = refundedBy.get(job.jobId);
      const detailed = index < detail;
      const [worker, receipt] = await Promise.all([
        detailed ? askWorkers(job.jobId) : undefined,
        detailed && fulfil
          ? client.getTransactionReceipt({ hash: fulfil.transactionHash }).catch(() => undefined)
          : undefined,
      ]);
      return {
        ...job,
        state: jobState({
          fulfilled: fulfil !== undefined,
          attested: attestation !== undefined,
          refunded: refund !== undefined,
          worker: worker?.job.state,
        }),
        ...(fulfil
          ? {
              fulfilled: {
                agentId: fulfil.args.workerAgentId,
                worker: fulfil.args.worker,
                amount: fulfil.args.amount,
                transactionHash: fulfil.transactionHash,
                blockNumber: fulfil.blockNumber,
              },
            }
          : {}),
        ...(attestation
          ? {
              attested: {
                outputs: attestation.args.outputs,
                validationRequestHash: attestation.args.validationRequestHash,
                transactionHash: attestation.transactionHash,
              },
            }
          : {}),
        ...(refund ? { refunded: { transactionHash: refund.transactionHash } } : {}),
        ...(receipt ? { fulfilGas: receipt.gasUsed } : {}),
        ...(worker ? { worker } : {}),
      };
    }),
  );
  return { jobs, workersDown: [...workersDown], blockNumber };
}
