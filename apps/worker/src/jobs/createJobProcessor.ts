import { runOnnx } from "@convergence/models";
import { buildPackageInput, computeBinding } from "@convergence/zk";
import type { ChainGateway, JobReading } from "../chain/types.ts";
import { JobFailedError } from "../errors/jobs.ts";
import type { Served } from "../inference/types.ts";
import type { Logger } from "../log/createLogger.ts";
import type { WorkerMetrics } from "../metrics/createMetrics.ts";
import type { Prover } from "../prover/types.ts";
import type { JobStore } from "../store/openJobStore.ts";
import type { JobRecord } from "../store/types.ts";
import { checkJobTerms, type PriceFloor } from "./checkJobTerms.ts";

export type CreateJobProcessorParameters = {
  store: JobStore;
  chain: ChainGateway;
  prover: Prover;
  modelFor: (modelId: bigint) => Promise<Served | undefined>;
  metrics: Pick<WorkerMetrics, "proveSeconds">;
  log: Logger;
  /** Proving attempts per job (a crash or restart mid-proof counts as one). */
  maxAttempts: number;
  /** The lowest price of a job this worker proves, per model. */
  minPrice: PriceFloor;
  /** Seconds proving and fulfilling one job take here, measured (the queue's moving average), plus the margin. */
  requiredSeconds: () => number;
  now?: () => number;
};

export type JobProcessor = {
  /**
   * Works one job from where the store says it is to settled or failed. A JobFailedError is recorded as the job's
   * failure and not thrown; any other error (the chain unreachable, a prover crash with attempts left) is thrown, and
   * the job stays where it was so that a retry, or a restart, resumes it.
   */
  process(jobId: bigint): Promise<void>;
};

export type CreateJobProcessorReturnType = JobProcessor;

const ACTIVE = ["received", "proving", "submitted"] as const;

/**
 * The life of a job once its input is in: check the escrow (skip a job already fulfilled, refunded or expired), skip
 * without proving a job below the price floor or too close to its deadline (BELOW_PRICE_FLOOR, DEADLINE_TOO_SOON: it
 * may have waited in the queue, or the floor changed across a restart), prove in the pool, cross-check the proven outputs against the int64 ONNX model, check the escrow again, send
 * `fulfill` from the agent wallet, and wait for the receipt. Every step is recorded before the next starts, so a
 * process killed at any point resumes here without proving or paying twice: a job whose fulfil landed before the
 * crash is found fulfilled by this agent on-chain and marked settled.
 *
 * @example
 * const processor = createJobProcessor({ store, chain, prover, modelFor, metrics, log, maxAttempts: 3, minPrice,
 *   requiredSeconds: () => queue.averageJobSeconds() + 30 });
 * const queue = createJobQueue({ limit: 32, concurrency: 1, handle: processor.process });
 */
export function createJobProcessor({
  store,
  chain,
  prover,
  modelFor,
  metrics,
  log,
  maxAttempts,
  minPrice,
  requiredSeconds,
  now = Date.now,
}: CreateJobProcessorParameters): CreateJobProcessorReturnType {
  const fail = (job: JobRecord, error: JobFailedError) => {
    const failed = store.transition({
      jobId: job.jobId,
      from: [...ACTIVE, "open"],
      to: "failed",
      patch: { error: { code: error.code, message: error.shortMessage }, timings: { failedAt: now() } },
    });
    if (failed) log.warn("job failed", { jobId: job.jobId, code: error.code, reason: error.shortMessage });
  };

  const settle = (job: JobRecord, note: string) => {
    const settled = store.transition({
      jobId: job.jobId,
      from: ACTIVE,
      to: "settled",
      patch: { error: null, timings: { settledAt: now() } },
    });
    if (settled) {
      const { receivedAt, settledAt } = settled.timings;
      log.info("job settled", {
        jobId: job.jobId,
        note,
        tx: settled.txHashes.at(-1),
        totalMs: receivedAt && settledAt ? settledAt - receivedAt : undefined,
      });
    }
  };

  /** Throws JobFailedError unless the job may still be fulfilled by this worker; true if it already was. */
  const checkOnChain = (job: JobRecord, { job: onChain, chainTime }: JobReading): boolean => {
    if (onChain.status === "none") {
      throw new JobFailedError({
        code: "JOB_NOT_FOUND",
        message: `Job ${job.jobId} is not in the escrow any more (was the chain reset?).`,
      });
    }
    if (onChain.status === "fulfilled") {
      if (onChain.workerAgentId === chain.agentId) return true;
      throw new JobFailedError({
        code: "JOB_FULFILLED_ELSEWHERE",
        message: `Job ${job.jobId} was fulfilled by agent ${onChain.workerAgentId}.`,
      });
    }
    if (onChain.status === "refunded") {
      throw new JobFailedError({ code: "JOB_REFUNDED", message: `Job ${job.jobId} was refunded to its requester.` });
    }
    if (chainTime > job.deadline) {
      throw new JobFailedError({
        code: "JOB_EXPIRED",
        message: `Job ${job.jobId} expired at ${job.deadline} (chain time ${chainTime}) before it was fulfilled.`,
      });
    }
    return false;
  };

  const prove = async (job: JobRecord, model: Served): Promise<JobRecord> => {
    const proving = store.transition({
      jobId: job.jobId,
      from: ["received", "proving"],
      to: "proving",
      patch: { countAttempt: true, timings: { provingStartedAt: now() } },
    });
    if (!proving) throw new Error(`job ${job.jobId} left the proving states while being processed`);
    if (proving.attempts > maxAttempts) {
      throw new JobFailedError({
        code: "PROVE_FAILED",
        message: `Job ${job.jobId} was not proven in ${maxAttempts} attempts.`,
      });
    }
    const input = proving.input!;
    const binding = computeBinding({
      chainId: chain.chainId,
      escrow: chain.escrow,
      jobId: job.jobId,
      worker: chain.workerAddress,
    });
    log.info("proving", { jobId: job.jobId, model: model.name, attempt: proving.attempts });
    let result: Awaited<ReturnType<Prover["prove"]>>;
    try {
      const request = { model: model.name, input, salt: proving.salt!, binding };
      result = await prover.prove(
        model.kind === "mlp" ? { ...request, quantized: model.quantized } : { ...request, circuitDir: model.pkg.dir },
      );
    } catch (error) {
      if (proving.attempts >= maxAttempts) {
        throw new JobFailedError({
          code: "PROVE_FAILED",
          message: `Proving job ${job.jobId} failed ${maxAttempts} times; last: ${(error as Error).message}`,
          cause: error,
        });
      }
      throw error;
    }
    // An MLP: the int64 ONNX model is an implementation independent of the circuit, and the two must agree bit for
    // bit; a disagreement is a bug worth stopping for. A circuit package: the proof's outputs are the input builder's
    // own (the circuit constrains them, `circuit add` checked builder and circuit against each other), so this only
    // guards the prover thread's decoding; the on-chain verifier is what makes the outputs trustworthy.
    const reference =
      model.kind === "mlp"
        ? (await runOnnx<bigint>({ session: model.session, input })).output
        : (await buildPackageInput({ pkg: model.pkg, input, salt: proving.salt!, binding })).outputs;
    if (reference.join(",") !== result.output.join(",")) {
      throw new JobFailedError({
        code: "OUTPUT_MISMATCH",
        message: `The proof's outputs [${result.output.join(", ")}] differ from the ${model.kind === "mlp" ? "int64 ONNX model" : "circuit package's reference"}'s [${reference.join(", ")}].`,
      });
    }
    metrics.proveSeconds.observe(result.proveMs / 1000);
    const proved = store.transition({
      jobId: job.jobId,
      from: ["proving"],
      to: "proving",
      patch: {
        output: result.output,
        proof: { publicSignals: result.publicSignals, proof: result.proof, calldata: result.calldata },
        timings: { provedAt: now(), proveMs: Math.round(result.proveMs) },
      },
    });
    log.info("proved", { jobId: job.jobId, proveMs: Math.round(result.proveMs) });
    return proved!;
  };

  const submit = async (job: JobRecord) => {
    let hash: `0x${string}`;
    try {
      hash = await chain.sendFulfill({ jobId: job.jobId, calldata: job.proof!.calldata });
    } catch (error) {
      // The simulation reverted: if the job is no longer ours to fulfil, say why; else the revert is the failure.
      if (error instanceof JobFailedError && checkOnChain(job, await chain.readJob(job.jobId))) {
        settle(job, "fulfilled earlier");
        return;
      }
      throw error;
    }
    const submitted = store.transition({
      jobId: job.jobId,
      from: ["proving"],
      to: "submitted",
      patch: { txHash: hash, timings: { submittedAt: now() } },
    })!;
    log.info("fulfil sent", { jobId: job.jobId, tx: hash });
    const receipt = await chain.waitForReceipt(hash);
    if (receipt.status === "success") {
      settle(submitted, "fulfilled");
      return;
    }
    // Reverted after a successful simulation: someone else got there first, or the deadline passed in between.
    if (checkOnChain(submitted, await chain.readJob(job.jobId))) {
      settle(submitted, "fulfilled earlier");
      return;
    }
    throw new JobFailedError({ code: "FULFILL_REVERTED", message: `The fulfil transaction ${hash} reverted.` });
  };

  return {
    async process(jobId) {
      let job = store.get(jobId);
      if (!job || !(ACTIVE as readonly string[]).includes(job.state)) return;
      try {
        const model = await modelFor(job.modelId);
        if (!model) {
          throw new JobFailedError({
            code: "MODEL_NOT_SERVED",
            message: `This worker does not serve on-chain model ${job.modelId}.`,
          });
        }
        const reading = await chain.readJob(jobId);
        if (checkOnChain(job, reading)) {
          settle(job, "fulfilled before a restart");
          return;
        }
        if (!job.proof) {
          const refused = checkJobTerms({
            job,
            model: model.name,
            minPrice,
            chainTime: reading.chainTime,
            requiredSeconds: requiredSeconds(),
          });
          if (refused) throw new JobFailedError(refused);
        }
        if (job.state === "submitted") {
          // The chain says open: the last fulfil did not land (reverted, dropped, or the node restarted). Send again.
          job = store.transition({ jobId, from: ["submitted"], to: "proving" })!;
          log.warn("fulfil not on-chain, sending again", { jobId, previous: job.txHashes.at(-1) });
        }
        if (!job.proof) {
          job = await prove(job, model);
          // The proof took time: look again before paying gas.
          if (checkOnChain(job, await chain.readJob(jobId))) {
            settle(job, "fulfilled before a restart");
            return;
          }
        }
        await submit(job);
      } catch (error) {
        if (error instanceof JobFailedError) {
          fail(job, error);
          return;
        }
        throw error;
      }
    },
  };
}
