export { type IntentCorpusPathsReturnType, intentCorpusPaths } from "./corpus/intentCorpusPaths.ts";
export {
  type IntentCorpusEntry,
  type ReadIntentCorpusParameters,
  readIntentCorpus,
} from "./corpus/readIntentCorpus.ts";
export { workspaceRoot } from "./corpus/workspaceRoot.ts";
export { BaseError, type BaseErrorParameters } from "./errors/base.ts";
export { CorpusNotFoundError, InvalidCorpusLineError } from "./errors/corpus.ts";
export { DEFAULT_INFERENCE_MODEL } from "./intent/actions/buildInferenceCall.ts";
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
