export {
  type DelegateToAgentAccountParameters,
  type DelegateToAgentAccountReturnType,
  delegateToAgentAccount,
} from "./actions/account/delegateToAgentAccount.ts";
export {
  type ExecuteAsSessionParameters,
  type ExecuteAsSessionReturnType,
  executeAsSession,
} from "./actions/account/executeAsSession.ts";
export { type AccountCall, EXECUTE_BATCH_MODE, encodeExecuteBatch } from "./actions/account/executeBatch.ts";
export {
  type GetAccountDelegationParameters,
  type GetAccountDelegationReturnType,
  getAccountDelegation,
} from "./actions/account/getAccountDelegation.ts";
export { type GetSessionParameters, type GetSessionReturnType, getSession } from "./actions/account/getSession.ts";
export {
  type GrantSessionParameters,
  type GrantSessionReturnType,
  grantSession,
} from "./actions/account/grantSession.ts";
export { requireAgentAccount } from "./actions/account/requireAgentAccount.ts";
export {
  type RevokeSessionParameters,
  type RevokeSessionReturnType,
  revokeSession,
} from "./actions/account/revokeSession.ts";
export { type SessionCallParameters, sessionCall } from "./actions/account/sessionCall.ts";
export {
  encodeSessionPolicy,
  SESSION_ETH,
  type SessionCallPermission,
  type SessionPolicy,
  type SessionTokenLimit,
} from "./actions/account/sessionPolicy.ts";
export { type StackSessionCallsParameters, stackSessionCalls } from "./actions/account/stackSessionCalls.ts";
export { type GetAgentParameters, type GetAgentReturnType, getAgent } from "./actions/agents/getAgent.ts";
export {
  type RegisterAgentParameters,
  type RegisterAgentReturnType,
  registerAgent,
} from "./actions/agents/registerAgent.ts";
export {
  type SetAgentUriParameters,
  type SetAgentUriReturnType,
  setAgentUri,
} from "./actions/agents/setAgentUri.ts";
export { type SetAgentWalletParameters, setAgentWallet } from "./actions/agents/setAgentWallet.ts";
export { type SignAgentWalletParameters, signAgentWallet } from "./actions/agents/signAgentWallet.ts";
export { encodeDidChange } from "./actions/did/encodeDidChange.ts";
export { type SignDidChangeParameters, signDidChange } from "./actions/did/signDidChange.ts";
export {
  type SubmitDidChangeParameters,
  type SubmitDidChangeReturnType,
  submitDidChange,
} from "./actions/did/submitDidChange.ts";
export type { DidChange, DidSignature } from "./actions/did/types.ts";
export {
  type AttestedValuesParameters,
  type AttestedValuesReturnType,
  attestedValues,
} from "./actions/inference/attestedValues.ts";
export {
  type CheckModelPinParameters,
  type CheckModelPinReturnType,
  checkModelPin,
} from "./actions/inference/checkModelPin.ts";
export {
  type DeployVerifierParameters,
  type DeployVerifierReturnType,
  deployVerifier,
} from "./actions/inference/deployVerifier.ts";
export {
  type EnsureModelRegistrationParameters,
  type EnsureModelRegistrationReturnType,
  ensureModelRegistration,
  type ModelRegistrationSetup,
} from "./actions/inference/ensureModelRegistration.ts";
export {
  type FindModelRegistrationParameters,
  type FindModelRegistrationReturnType,
  findModelRegistration,
} from "./actions/inference/findModelRegistration.ts";
export {
  type FulfillJobParameters,
  type FulfillJobReturnType,
  fulfillJob,
} from "./actions/inference/fulfillJob.ts";
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
  type CallBatchSender,
  type OpenJobParameters,
  type OpenJobReturnType,
  openJob,
} from "./actions/inference/openJob.ts";
export {
  type RefundJobParameters,
  type RefundJobReturnType,
  refundJob,
} from "./actions/inference/refundJob.ts";
export {
  type RegisterModelParameters,
  type RegisterModelReturnType,
  registerModel,
} from "./actions/inference/registerModel.ts";
export {
  type RequestInferenceAttempt,
  type RequestInferenceFeedback,
  type RequestInferenceParameters,
  type RequestInferenceReturnType,
  type RequestInferenceStep,
  requestInference,
} from "./actions/inference/requestInference.ts";
export {
  type RetireModelParameters,
  type RetireModelReturnType,
  retireModel,
} from "./actions/inference/retireModel.ts";
export {
  type SendFulfillJobParameters,
  type SendFulfillJobReturnType,
  sendFulfillJob,
} from "./actions/inference/sendFulfillJob.ts";
export {
  type Attestation,
  JOB_STATUSES,
  type Job,
  type JobStatus,
  type Model,
  type ModelPin,
  type OpenedJob,
  type TrustSetup,
} from "./actions/inference/types.ts";
export {
  type WaitForAttestationParameters,
  type WaitForAttestationReturnType,
  waitForAttestation,
} from "./actions/inference/waitForAttestation.ts";
export {
  type AggregateWorkerStatsParameters,
  type AggregateWorkerStatsReturnType,
  aggregateWorkerStats,
} from "./actions/market/aggregateWorkerStats.ts";
export {
  type BuildWorkerRegistrationModel,
  type BuildWorkerRegistrationParameters,
  type BuildWorkerRegistrationReturnType,
  buildWorkerRegistration,
} from "./actions/market/buildWorkerRegistration.ts";
export {
  type CheckMarketContractsParameters,
  checkMarketContracts,
} from "./actions/market/checkMarketContracts.ts";
export {
  type ChooseWorkerParameters,
  type ChooseWorkerReturnType,
  chooseWorker,
} from "./actions/market/chooseWorker.ts";
export {
  type DiscoverWorkersParameters,
  type DiscoverWorkersReturnType,
  discoverWorkers,
} from "./actions/market/discoverWorkers.ts";
export {
  type GetWorkerRegistrationParameters,
  type GetWorkerRegistrationReturnType,
  getWorkerRegistration,
} from "./actions/market/getWorkerRegistration.ts";
export {
  type ParseTrustedClientsParameters,
  type ParseTrustedClientsReturnType,
  parseTrustedClients,
} from "./actions/market/parseTrustedClients.ts";
export {
  type ParseWorkerRegistrationParameters,
  type ParseWorkerRegistrationReturnType,
  parseWorkerRegistration,
} from "./actions/market/parseWorkerRegistration.ts";
export {
  type ReadWorkerStatsParameters,
  type ReadWorkerStatsReturnType,
  readWorkerStats,
} from "./actions/market/readWorkerStats.ts";
export {
  type WorkerIneligibilityParameters,
  type WorkerIneligibilityReturnType,
  workerIneligibility,
} from "./actions/market/workerIneligibility.ts";
export type {
  SkippedWorker,
  WorkerListing,
  WorkerReputation,
  WorkerStats,
} from "./actions/market/workerListing.ts";
export {
  WORKER_REGISTRATION_MAX_BYTES,
  WORKER_REGISTRATION_PATH,
  WORKER_REGISTRATION_TYPE,
  WORKER_SERVICE_NAME,
  type WorkerRegistration,
  type WorkerRegistrationEntry,
  type WorkerRegistrationModel,
  type WorkerRegistrationService,
  type WorkerRegistrationX402,
} from "./actions/market/workerRegistration.ts";
export { type QuoteSwapParameters, quoteSwap } from "./actions/pool/quoteSwap.ts";
export { type SwapTokensParameters, type SwapTokensReturnType, swapTokens } from "./actions/pool/swapTokens.ts";
export {
  type AppendResponseParameters,
  type AppendResponseReturnType,
  appendResponse,
} from "./actions/reputation/appendResponse.ts";
export {
  FEEDBACK_FAILURE_REASONS,
  FEEDBACK_FAILURE_VALUE,
  FEEDBACK_LATENCY_PREFIX,
  FEEDBACK_SUCCESS_VALUE,
  FEEDBACK_TAG_SUCCESS_RATE,
  FEEDBACK_VALUE_DECIMALS,
  type FeedbackFailureReason,
  failureFeedback,
  feedbackJobHash,
  type JobFeedback,
  parseLatencyTag,
  successFeedback,
} from "./actions/reputation/feedbackScheme.ts";
export {
  type GetReputationSummaryParameters,
  type GetReputationSummaryReturnType,
  getReputationSummary,
} from "./actions/reputation/getReputationSummary.ts";
export {
  type GiveFeedbackParameters,
  type GiveFeedbackReturnType,
  giveFeedback,
} from "./actions/reputation/giveFeedback.ts";
export {
  type FeedbackEntry,
  type ReadAllFeedbackParameters,
  type ReadAllFeedbackReturnType,
  readAllFeedback,
} from "./actions/reputation/readAllFeedback.ts";
export {
  type RevokeFeedbackParameters,
  type RevokeFeedbackReturnType,
  revokeFeedback,
} from "./actions/reputation/revokeFeedback.ts";
export { type Balance, type GetBalancesParameters, getBalances } from "./actions/tokens/getBalances.ts";
export { type SignPermitParameters, type SignPermitReturnType, signPermit } from "./actions/tokens/signPermit.ts";
export {
  type SignTransferAuthorizationParameters,
  type SignTransferAuthorizationReturnType,
  signTransferAuthorization,
} from "./actions/tokens/signTransferAuthorization.ts";
export { stackTokens } from "./actions/tokens/stackTokens.ts";
export {
  type SubmitTransferAuthorizationParameters,
  submitTransferAuthorization,
} from "./actions/tokens/submitTransferAuthorization.ts";
export { type TransferTokenParameters, transferToken } from "./actions/tokens/transferToken.ts";
export type { TokenInfo } from "./actions/tokens/types.ts";
export { type UnwrapEthParameters, unwrapEth } from "./actions/tokens/unwrapEth.ts";
export { type WrapEthParameters, wrapEth } from "./actions/tokens/wrapEth.ts";
export {
  type DeliverJobInputParameters,
  type DeliverJobInputReturnType,
  deliverJobInput,
} from "./actions/worker/deliverJobInput.ts";
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
export {
  type VerifyWorkerIdentityParameters,
  type VerifyWorkerIdentityReturnType,
  verifyWorkerIdentity,
} from "./actions/worker/verifyWorkerIdentity.ts";
export {
  WORKER_CHALLENGE_HEADER,
  type WorkerIdentityMessageParameters,
  type WorkerIdentityMessageReturnType,
  workerIdentityMessage,
} from "./actions/worker/workerIdentityMessage.ts";
export {
  REQUESTER_SIGNATURE_HEADER,
  type WorkerJobReadMessageParameters,
  type WorkerJobReadMessageReturnType,
  workerJobReadMessage,
} from "./actions/worker/workerJobReadMessage.ts";
export {
  type CheckQuickInferenceOfferParameters,
  type CheckQuickInferenceOfferReturnType,
  checkQuickInferenceOffer,
} from "./actions/x402/checkQuickInferenceOffer.ts";
export {
  type PayForQuickInferenceClients,
  type PayForQuickInferenceParameters,
  type PayForQuickInferenceReturnType,
  payForQuickInference,
  type QuickInferenceOutput,
} from "./actions/x402/payForQuickInference.ts";
export {
  type QuoteQuickInferenceParameters,
  type QuoteQuickInferenceReturnType,
  quoteQuickInference,
} from "./actions/x402/quoteQuickInference.ts";
export { type CreateClientsParameters, type CreateClientsReturnType, createClients } from "./client/createClients.ts";
export {
  type ResolveAccountParameters,
  type ResolveAccountReturnType,
  resolveAccount,
} from "./client/resolveAccount.ts";
export type { ReadClient, SigningAccount, WriteClient } from "./client/types.ts";
export { type ParseDidReturnType, parseDid } from "./did/parseDid.ts";
export { type ResolveDidParameters, type ResolveDidReturnType, resolveDid } from "./did/resolveDid.ts";
export { toDid } from "./did/toDid.ts";
export {
  AccountSettingError,
  AgentAccountImplementationMissingError,
  AgentAccountNotDelegatedError,
  DelegationSignerError,
} from "./errors/account.ts";
export { BaseError, type BaseErrorParameters } from "./errors/base.ts";
export { ContractRevertError, TransactionFailedError } from "./errors/contract.ts";
export { DidResolutionError, InvalidDidError } from "./errors/did.ts";
export {
  AttestationNotFoundError,
  AttestationTimeoutError,
  JobNotAttestableError,
  JobNotFoundError,
  KeyWithoutContributionError,
  ModelCommitmentMismatchError,
  ModelKeyMismatchError,
  ModelNotFoundError,
  ModelNotRegisteredError,
  ModelRetiredError,
  SetupControlledByWorkerError,
  UnattributedSetupError,
  ValidationNotByAttestorError,
  VerifierCodeMismatchError,
} from "./errors/inference.ts";
export { InvalidParameterError } from "./errors/input.ts";
export {
  MarketContractsMismatchError,
  MarketJobFailedError,
  MarketJobRefundedError,
  NoWorkerAvailableError,
} from "./errors/market.ts";
export { WorkerRegistrationInvalidError, WorkerRegistrationUnreachableError } from "./errors/registration.ts";
export { SelfFeedbackError } from "./errors/reputation.ts";
export {
  WorkerAnswerTooLargeError,
  WorkerBusyError,
  WorkerCommitmentMismatchError,
  WorkerIdentityMismatchError,
  WorkerInvalidAnswerError,
  WorkerInvalidRequestError,
  WorkerJobConflictError,
  WorkerJobNotFoundError,
  WorkerModelNotServedError,
  WorkerPayloadTooLargeError,
  WorkerRequestError,
  WorkerUnauthorizedError,
  WorkerUnreachableError,
} from "./errors/worker.ts";
export {
  X402AssetMismatchError,
  X402InvalidPaymentRequiredError,
  X402PaymentFailedError,
  X402PriceTooHighError,
  X402RecipientMismatchError,
} from "./errors/x402.ts";
export { type WriteContractAndWaitParameters, writeContractAndWait } from "./internal/writeContractAndWait.ts";
export { type DecodeRevertReturnType, decodeRevert } from "./utils/decodeRevert.ts";
export {
  type GetChainTimeParameters,
  type GetChainTimeReturnType,
  getChainTime,
} from "./utils/getChainTime.ts";
