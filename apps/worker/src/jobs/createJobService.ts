import { workerJobReadMessage } from "@convergence/sdk";
import { commitInput } from "@convergence/zk";
import { type Hex, isHex, verifyMessage } from "viem";
import type { ChainGateway, JobReading } from "../chain/types.ts";
import {
  ChainUnavailableError,
  CommitmentMismatchError,
  DrainingError,
  InvalidInputError,
  JobConflictError,
  JobNotFoundError,
  JobTermsRefusedError,
  ModelNotServedError,
  QueueFullError,
  RequesterSignatureError,
} from "../errors/http.ts";
import { servedShape } from "../inference/servedShape.ts";
import type { Served } from "../inference/types.ts";
import type { Logger } from "../log/createLogger.ts";
import type { JobQueue } from "../queue/createJobQueue.ts";
import type { JobStore } from "../store/openJobStore.ts";
import type { JobRecord } from "../store/types.ts";
import { checkJobTerms, type PriceFloor } from "./checkJobTerms.ts";
import { toJobView } from "./toJobView.ts";
import type { JobService } from "./types.ts";

export type CreateJobServiceParameters = {
  store: JobStore;
  queue: JobQueue;
  queueLimit: number;
  chain: Pick<ChainGateway, "readJob" | "agentId" | "chainId" | "escrow">;
  /** The lowest price of a job this worker proves, per model. */
  minPrice: PriceFloor;
  /** Seconds a deadline must leave beyond the queue's measured seconds per job (prove and fulfil). */
  deadlineMarginSeconds: number;
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
 * job exists on-chain (404), this worker serves its model (404) and may fulfil it (409 JOB_ASSIGNED_ELSEWHERE while
 * the job is reserved for another agent: until its exclusive window has passed, by the escrow's record and the chain's
 * time, read at delivery; after it any agent may fulfil, and the requester fails over to this one), the input fits the model
 * (400) and commits, with the salt, to the job's on-chain inputCommitment (409), the job is still open and before its
 * deadline (409), it pays the model's price floor (402 BELOW_PRICE_FLOOR) and leaves time to prove and fulfil (409
 * DEADLINE_TOO_SOON; both record the job failed with that code, never proven), and the queue has room (429 with
 * Retry-After). Only then is the input stored (so a restart resumes it) and the job queued, ahead of lower-paying ones.
 * Delivering the same input again answers 200 with the job's state.
 *
 * Reading a job shows its output and proof only once it settled, or to its requester, who proves it with an EIP-191
 * signature of `workerJobReadMessage` (chain id, escrow, job id). A signature rather than the salt: the salt is
 * something this worker holds too (and may have erased), so it would prove nothing about who asks; a signature can only
 * come from the requester's key, names this job on this escrow and chain, and costs the worker no secret to check.
 *
 * @example
 * const jobs = createJobService({ store, queue, queueLimit: 32, chain, minPrice, deadlineMarginSeconds: 30, modelFor,
 *   served, isDraining, log });
 * await jobs.deliverInput({ jobId: 1n, input: [12n, -3n], salt });
 */
export function createJobService({
  store,
  queue,
  queueLimit,
  chain,
  minPrice,
  deadlineMarginSeconds,
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
    const exclusiveUntil = status === "open" ? terms.exclusiveUntil : 0n;
    store.insertOpened({ ...terms, workerAgentId, exclusiveUntil, openedBlock: undefined, openedTx: undefined });
    return store.get(jobId)!;
  };

  const view = async (job: JobRecord, reveal = job.state === "settled") =>
    toJobView({ job, model: await modelFor(job.modelId), reveal });
  const signedByRequester = async (job: JobRecord, signature: string): Promise<boolean> => {
    const message = workerJobReadMessage({ chainId: chain.chainId, escrow: chain.escrow, jobId: job.jobId });
    if (isHex(signature)) {
      // A malformed signature makes verifyMessage throw: that is a wrong signature too.
      const valid = await verifyMessage({ address: job.requester, message, signature: signature as Hex }).catch(
        () => false,
      );
      if (valid) return true;
    }
    throw new RequesterSignatureError({ jobId: job.jobId, requester: job.requester, message });
  };

  return {
    async deliverInput({ jobId, input, salt }) {
      if (isDraining()) throw new DrainingError();
      const job = await findJob(jobId);
      const model = await modelFor(job.modelId);
      if (!model) {
        throw new ModelNotServedError({ model: `on-chain model id ${job.modelId}`, served: served() });
      }
      // Reserved for another agent: taken only once its exclusive window has passed (the requester fails over), read
      // fresh from the escrow, since the stored terms are the opening's and the window is judged by the chain's time.
      let reading: JobReading | undefined;
      if (job.workerAgentId !== 0n && job.workerAgentId !== chain.agentId) {
        reading = await readJob(jobId);
        const { job: onChain, chainTime } = reading;
        if (onChain.status === "open" && !(onChain.exclusiveUntil < chainTime)) {
          throw new JobConflictError({
            code: "JOB_ASSIGNED_ELSEWHERE",
            message: `Job ${jobId} is reserved for agent ${onChain.workerAgentId} until ${onChain.exclusiveUntil} (${isoTime(onChain.exclusiveUntil)}; chain time now ${chainTime}); this worker is agent ${chain.agentId}. Deliver it to agent ${onChain.workerAgentId}, or here once that time has passed.`,
          });
        }
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

      const { job: onChain, chainTime } = reading ?? (await readJob(jobId));
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
      const refused = checkJobTerms({
        job,
        model: model.name,
        minPrice,
        chainTime,
        requiredSeconds: queue.averageJobSeconds() + deadlineMarginSeconds,
      });
      if (refused) {
        store.transition({
          jobId,
          from: ["open"],
          to: "failed",
          patch: { error: refused, timings: { failedAt: now() } },
        });
        log.info("job skipped without proving", { jobId, code: refused.code, amount: job.amount });
        throw new JobTermsRefusedError(refused);
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

    async getJob({ jobId, requesterSignature }) {
      const job = await findJob(jobId);
      if (requesterSignature === undefined) return view(job);
      return view(job, await signedByRequester(job, requesterSignature));
    },
  };
}

/** Unix seconds as an ISO 8601 time, for messages (a value past what Date holds is shown as is). */
function isoTime(seconds: bigint): string {
  const ms = Number(seconds) * 1000;
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : `${seconds} s`;
}
