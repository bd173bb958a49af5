import { commitInput } from "@convergence/zk";
import type { ChainGateway, JobReading } from "../chain/types.ts";
import {
  ChainUnavailableError,
  CommitmentMismatchError,
  DrainingError,
  InvalidInputError,
  JobConflictError,
  JobNotFoundError,
  ModelNotServedError,
  QueueFullError,
} from "../errors/http.ts";
import { servedShape } from "../inference/servedShape.ts";
import type { Served } from "../inference/types.ts";
import type { Logger } from "../log/createLogger.ts";
import type { JobQueue } from "../queue/createJobQueue.ts";
import type { JobStore } from "../store/openJobStore.ts";
import type { JobRecord } from "../store/types.ts";
import { toJobView } from "./toJobView.ts";
import type { JobService } from "./types.ts";

export type CreateJobServiceParameters = {
  store: JobStore;
  queue: JobQueue;
  queueLimit: number;
  chain: Pick<ChainGateway, "readJob" | "agentId">;
  /** The served model a job's on-chain model id names, if this worker serves it. */
  modelFor: (modelId: bigint) => Promise<Served | undefined>;
  served: () => string[];
  isDraining: () => boolean;
  log: Logger;
  now?: () => number;
};

export type CreateJobServiceReturnType = JobService;

/**
 * The job side of the HTTP API. Delivering an input checks, in order: the worker takes jobs (503 while draining), the
 * job exists on-chain (404), this worker serves its model (404) and may fulfil it (409), the input fits the model
 * (400) and commits, with the salt, to the job's on-chain inputCommitment (409), the job is still open and before its
 * deadline (409), and the queue has room (429 with Retry-After). Only then is the input stored (so a restart resumes
 * it) and the job queued. Delivering the same input again answers 200 with the job's state.
 *
 * @example
 * const jobs = createJobService({ store, queue, queueLimit: 32, chain, modelFor, served, isDraining, log });
 * await jobs.deliverInput({ jobId: 1n, input: [12n, -3n], salt });
 */
export function createJobService({
  store,
  queue,
  queueLimit,
  chain,
  modelFor,
  served,
  isDraining,
  log,
  now = Date.now,
}: CreateJobServiceParameters): CreateJobServiceReturnType {
  const readJob = async (jobId: bigint): Promise<JobReading> => {
    try {
      return await chain.readJob(jobId);
    } catch (cause) {
      throw new ChainUnavailableError({ cause });
    }
  };

  /** The stored job, or the escrow's record of it stored now (the input may arrive before the watcher sees it). */
  const findJob = async (jobId: bigint): Promise<JobRecord> => {
    const stored = store.get(jobId);
    if (stored) return stored;
    const { job } = await readJob(jobId);
    if (job.status === "none") throw new JobNotFoundError({ jobId });
    const { status, ...terms } = job;
    // Once fulfilled, the escrow names the agent that did; the stored terms keep the one reserved at opening.
    const workerAgentId = status === "open" ? terms.workerAgentId : 0n;
    store.insertOpened({ ...terms, workerAgentId, openedBlock: undefined, openedTx: undefined });
    return store.get(jobId)!;
  };

  const view = async (job: JobRecord) => toJobView({ job, model: await modelFor(job.modelId) });

  return {
    async deliverInput({ jobId, input, salt }) {
      if (isDraining()) throw new DrainingError();
      const job = await findJob(jobId);
      const model = await modelFor(job.modelId);
      if (!model) {
        throw new ModelNotServedError({ model: `on-chain model id ${job.modelId}`, served: served() });
      }
      if (job.workerAgentId !== 0n && job.workerAgentId !== chain.agentId) {
        throw new JobConflictError({
          code: "JOB_ASSIGNED_ELSEWHERE",
          message: `Job ${jobId} is reserved for agent ${job.workerAgentId}; this worker is agent ${chain.agentId}.`,
        });
      }
      const { numInputs: width, inputMin, inputMax } = servedShape({ served: model });
      if (input.length !== width) {
        throw new InvalidInputError({ problem: `model ${model.name} takes ${width} values, received ${input.length}` });
      }
      const outside = input.findIndex((value) => value < BigInt(inputMin) || value > BigInt(inputMax));
      if (outside >= 0) {
        throw new InvalidInputError({
          problem: `input[${outside}] is ${input[outside]}; model ${model.name} takes integers from ${inputMin} to ${inputMax}`,
        });
      }
      const commitment = await commitInput({ input, salt });
      if (commitment !== job.inputCommitment) {
        throw new CommitmentMismatchError({ jobId, expected: job.inputCommitment, received: commitment });
      }
      // The commitment binds the input: a second delivery that matches it is the same input.
      if (job.state !== "open") return { view: await view(job), created: false };

      const { job: onChain, chainTime } = await readJob(jobId);
      if (onChain.status === "refunded" || onChain.status === "fulfilled") {
        store.transition({
          jobId,
          from: ["open"],
          to: "failed",
          patch: {
            error: { code: `JOB_${onChain.status.toUpperCase()}`, message: `the job was ${onChain.status} on-chain` },
            timings: { failedAt: now() },
          },
        });
        throw new JobConflictError({
          code: "JOB_NOT_OPEN",
          message: `Job ${jobId} is ${onChain.status} on-chain; it takes no input.`,
        });
      }
      if (chainTime > job.deadline) {
        throw new JobConflictError({
          code: "JOB_EXPIRED",
          message: `Job ${jobId} expired at ${job.deadline} (chain time ${chainTime}); the requester can refund it.`,
        });
      }
      if (queue.isFull()) {
        if (isDraining()) throw new DrainingError();
        throw new QueueFullError({ retryAfterSeconds: queue.retryAfterSeconds(), limit: queueLimit });
      }
      const received = store.transition({
        jobId,
        from: ["open"],
        to: "received",
        patch: { input, salt, timings: { receivedAt: now() } },
      });
      if (!received) return { view: await view(store.get(jobId)!), created: false };
      // Queued even if a concurrent delivery filled the last place: the input is stored and must be proven.
      queue.offer(jobId, { force: true });
      log.info("job input received", { jobId, model: model.name, queued: queue.depth() });
      return { view: await view(received), created: true };
    },

    async getJob(jobId) {
      return view(await findJob(jobId));
    },
  };
}
