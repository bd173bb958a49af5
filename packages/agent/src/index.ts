export { type CreateAgentContextParameters, createAgentContext } from "./chain/createAgentContext.ts";
export { type CreateChainSimulatorParameters, createChainSimulator } from "./chain/createChainSimulator.ts";
export { type CreateSdkActionsParameters, createSdkActions, DEFAULT_WORKER_URL } from "./chain/createSdkActions.ts";
export { type CreateSessionSenderParameters, createSessionSender } from "./chain/createSessionSender.ts";
export { type RegistrationUriParameters, registrationUri } from "./chain/registrationUri.ts";
export { poolToken, type StackAddresses } from "./chain/tokenAddresses.ts";
export { agentSystemPrompt } from "./chatModel/agentSystemPrompt.ts";
export {
  type CreateChatModelParameters,
  createChatModel,
  DEFAULT_OLLAMA_BASE_URL,
} from "./chatModel/createChatModel.ts";
export { EmbeddedIntentModel, type EmbeddedIntentModelFields } from "./chatModel/EmbeddedIntentModel.ts";
export { isFailedToolResult } from "./chatModel/isFailedToolResult.ts";
export { messageText } from "./chatModel/messageText.ts";
export { type NextEmbeddedStepParameters, nextEmbeddedStep } from "./chatModel/nextEmbeddedStep.ts";
export { type ModelSpec, type ParseModelSpecParameters, parseModelSpec } from "./chatModel/parseModelSpec.ts";
export { type PlanIntentParameters, planIntent } from "./chatModel/planIntent.ts";
export {
  type AgentEvent,
  type RunIntentParameters,
  type RunIntentReturnType,
  runIntent,
} from "./chatModel/runIntent.ts";
export { type ToProviderErrorParameters, toProviderError } from "./chatModel/toProviderError.ts";
export { type IntentCorpusPathsReturnType, intentCorpusPaths } from "./corpus/intentCorpusPaths.ts";
export {
  type IntentCorpusEntry,
  type ReadIntentCorpusParameters,
  readIntentCorpus,
} from "./corpus/readIntentCorpus.ts";
export {
  type IntentCorpusResult,
  type ScoreIntentCorpusParameters,
  type ScoreIntentCorpusReturnType,
  scoreIntentCorpus,
} from "./corpus/scoreIntentCorpus.ts";
export { AmountPrecisionError } from "./errors/amount.ts";
export { BaseError, type BaseErrorParameters } from "./errors/base.ts";
export { CorpusNotFoundError, InvalidCorpusLineError } from "./errors/corpus.ts";
export {
  InferenceUnavailableError,
  InvalidQuickAnswerError,
  InvalidRiskOutputError,
  QuickInferenceUnavailableError,
  QuickPaymentRefusedError,
  UnsupportedSubjectError,
} from "./errors/inference.ts";
export { MissingApiKeyError, ProviderUnreachableError, UnknownModelError } from "./errors/model.ts";
export { PolicyConfigError, PolicyViolationError, SpendLedgerError } from "./errors/policy.ts";
export {
  AgentAccountConfigError,
  AgentAccountUnavailableError,
  QuickInferenceOnSessionError,
  SessionKeyFileError,
  SessionRefusedError,
} from "./errors/session.ts";
export {
  type DecodeRiskOutputParameters,
  type DecodeRiskOutputReturnType,
  decodeRiskOutput,
} from "./inference/decodeRiskOutput.ts";
export { normalizeSubject, SUPPORTED_SUBJECTS } from "./inference/normalizeSubject.ts";
export {
  type PayQuickRiskInferenceParameters,
  payQuickRiskInference,
} from "./inference/payQuickRiskInference.ts";
export {
  type QuoteQuickRiskInferenceParameters,
  quoteQuickRiskInference,
} from "./inference/quoteQuickRiskInference.ts";
export {
  REFERENCE_TRADE_USDC,
  type ReadMarketStateParameters,
  type ReadMarketStateReturnType,
  readMarketState,
} from "./inference/readMarketState.ts";
export {
  type ReadRiskInputParameters,
  type ReadRiskInputReturnType,
  readRiskInput,
} from "./inference/readRiskInput.ts";
export {
  type RequestRiskInferenceParameters,
  type RequestRiskInferenceReturnType,
  requestRiskInference,
} from "./inference/requestRiskInference.ts";
export { DEFAULT_INFERENCE_MODEL } from "./intent/builders/buildInferenceCall.ts";
export {
  type EvaluateConditionParameters,
  type EvaluateConditionReturnType,
  evaluateCondition,
} from "./intent/evaluateCondition.ts";
export {
  type NormalizedCall,
  type NormalizePlanParameters,
  type NormalizePlanReturnType,
  normalizePlan,
} from "./intent/normalizePlan.ts";
export { type ParseIntentParameters, type ParseIntentReturnType, parseIntent } from "./intent/parseIntent.ts";
export { type ToPlanJsonParameters, toPlanJson } from "./intent/toPlanJson.ts";
export {
  type ComparisonOperator,
  type Plan,
  type PlanArgs,
  type PlanCondition,
  type PlanJson,
  type PlannedCall,
  type RiskLevel,
  sendingTools,
  type TokenSymbol,
  type ToolName,
  tokenDecimals,
} from "./intent/types.ts";
export {
  type BuildSessionPolicyParameters,
  buildSessionPolicy,
  type SessionGrantPolicy,
} from "./policy/buildSessionPolicy.ts";
export { type CheckPolicyParameters, checkPolicy } from "./policy/checkPolicy.ts";
export {
  type CreatePolicyGuardParameters,
  createPolicyGuard,
  type EnforceOptions,
  type GuardedCall,
  type PolicyDecision,
  type PolicyGuard,
  type PolicyOutcome,
  type SimulationResult,
} from "./policy/createPolicyGuard.ts";
export { type IsAllowedRecipientParameters, isAllowedRecipient } from "./policy/isAllowedRecipient.ts";
export { type LoadPolicyParameters, type LoadPolicyReturnType, loadPolicy } from "./policy/loadPolicy.ts";
export { DEFAULT_SESSION_HOURS, DEFAULT_SESSION_TARGETS, onChainPolicyOf } from "./policy/onChainPolicyOf.ts";
export { type ReadSpendLedgerParameters, readSpendLedger, type SpendLedger } from "./policy/readSpendLedger.ts";
export { type RecordSpendParameters, recordSpend } from "./policy/recordSpend.ts";
export { type SpendOfParameters, type SpendOfReturnType, spendOf } from "./policy/spendOf.ts";
export {
  defaultPolicyConfig,
  type OnChainPolicyConfig,
  onChainPolicySchema,
  type PolicyConfig,
  type PolicyRule,
  type PolicyViolation,
  policyConfigSchema,
  SESSION_TARGETS,
  type SessionTarget,
} from "./policy/types.ts";
export { utcDay } from "./policy/utcDay.ts";
export {
  type GrantAgentSessionParameters,
  type GrantAgentSessionReturnType,
  grantAgentSession,
} from "./session/grantAgentSession.ts";
export {
  type ReadSessionKeyParameters,
  type ReadSessionKeyReturnType,
  readSessionKey,
} from "./session/readSessionKey.ts";
export {
  type RevokeAgentSessionParameters,
  type RevokeAgentSessionReturnType,
  revokeAgentSession,
} from "./session/revokeAgentSession.ts";
export { sessionKeyPath } from "./session/sessionKeyPath.ts";
export { type SessionKeyFile, type WriteSessionKeyParameters, writeSessionKey } from "./session/writeSessionKey.ts";
export { agentToolDefinitions } from "./tools/agentToolDefinitions.ts";
export { type CreateAgentToolsParameters, createAgentTools } from "./tools/createAgentTools.ts";
export {
  type GetQuickInferenceToolParameters,
  getQuickInferenceDefinition,
  getQuickInferenceTool,
} from "./tools/getQuickInference.ts";
export type { AgentActions, AgentContext, QuickInferenceQuote, SentTransaction } from "./tools/types.ts";
