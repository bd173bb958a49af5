/// <reference path="../../zk/src/types/snarkjs.d.ts" />
// The browser-safe part of @convergence/sdk (no node: modules): the read actions the dashboard uses, the same
// functions the Node entry exports, so the page decodes jobs, attestations, agents and reputation as the CLI does.
// resolveDid is its own subpath (@convergence/sdk/did): ethr-did-resolver and its ethers load only where a DID is resolved.

export { type GetAgentParameters, type GetAgentReturnType, getAgent } from "./actions/agents/getAgent.ts";
export {
  type AttestedValuesParameters,
  type AttestedValuesReturnType,
  attestedValues,
} from "./actions/inference/attestedValues.ts";
export {
  type GetAttestationParameters,
  type GetAttestationReturnType,
  getAttestation,
} from "./actions/inference/getAttestation.ts";
export { type GetJobParameters, type GetJobReturnType, getJob } from "./actions/inference/getJob.ts";
export { type GetModelParameters, type GetModelReturnType, getModel } from "./actions/inference/getModel.ts";
export {
  type GetOpenedJobsParameters,
  type GetOpenedJobsReturnType,
  getOpenedJobs,
} from "./actions/inference/getOpenedJobs.ts";
export {
  type GetValidationParameters,
  type GetValidationReturnType,
  getValidation,
} from "./actions/inference/getValidation.ts";
export {
  type Attestation,
  JOB_STATUSES,
  type Job,
  type JobStatus,
  type Model,
  type OpenedJob,
} from "./actions/inference/types.ts";
export {
  type DiscoverWorkersParameters,
  type DiscoverWorkersReturnType,
  discoverWorkers,
} from "./actions/market/discoverWorkers.ts";
export {
  type ReadWorkerStatsParameters,
  type ReadWorkerStatsReturnType,
  readWorkerStats,
} from "./actions/market/readWorkerStats.ts";
export type {
  SkippedWorker,
  WorkerListing,
  WorkerReputation,
  WorkerStats,
} from "./actions/market/workerListing.ts";
export { type QuoteSwapParameters, quoteSwap } from "./actions/pool/quoteSwap.ts";
export {
  type GetReputationSummaryParameters,
  type GetReputationSummaryReturnType,
  getReputationSummary,
} from "./actions/reputation/getReputationSummary.ts";
export {
  type FeedbackEntry,
  type ReadAllFeedbackParameters,
  type ReadAllFeedbackReturnType,
  readAllFeedback,
} from "./actions/reputation/readAllFeedback.ts";
export {
  type GetWorkerJobParameters,
  type GetWorkerJobReturnType,
  getWorkerJob,
} from "./actions/worker/getWorkerJob.ts";
export {
  type GetWorkerModelsParameters,
  type GetWorkerModelsReturnType,
  getWorkerModels,
  type WorkerModel,
} from "./actions/worker/getWorkerModels.ts";
export type { WorkerJob, WorkerJobState } from "./actions/worker/types.ts";
export type { ReadClient } from "./client/types.ts";
export { type ParseDidReturnType, parseDid } from "./did/parseDid.ts";
export { toDid } from "./did/toDid.ts";
export { BaseError } from "./errors/base.ts";
export { WorkerJobNotFoundError, WorkerRequestError, WorkerUnreachableError } from "./errors/worker.ts";
export { type DecodeRevertReturnType, decodeRevert } from "./utils/decodeRevert.ts";
