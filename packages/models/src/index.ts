export { BaseError, type BaseErrorParameters } from "./errors/base.ts";
export {
  FileHashMismatchError,
  InvalidLabelsError,
  InvalidManifestError,
  InvalidModelNameError,
  ModelExistsError,
  ModelNotFoundError,
} from "./errors/manifest.ts";
export {
  InvalidTensorError,
  OnnxDecodeError,
  SUPPORTED_ONNX_SUMMARY,
  UnsupportedDataTypeError,
  UnsupportedGraphError,
  UnsupportedOperatorError,
  UnsupportedOpsetError,
  UnsupportedShapeError,
} from "./errors/onnx.ts";
export { ModelPinNotFoundError, ReleaseKeyInvalidError, ReleasePtauNotFoundError } from "./errors/pin.ts";
export {
  ActivationBoundError,
  InvalidSamplesError,
  ModelTooLargeError,
  ScaleOverflowError,
} from "./errors/quantize.ts";
export { InvalidMarketStateError } from "./errors/risk.ts";
export { InputMismatchError, OnnxRuntimeError } from "./errors/runtime.ts";
export { InvalidTrainingDataError } from "./errors/train.ts";
export { assertModelName } from "./manifest/assertModelName.ts";
export { type ImportModelParameters, type ImportModelReturnType, importModel } from "./manifest/importModel.ts";
export { type LoadModelParameters, type LoadModelReturnType, loadModel } from "./manifest/loadModel.ts";
export {
  type LoadModelPinParameters,
  type LoadModelPinReturnType,
  loadModelPin,
} from "./manifest/loadModelPin.ts";
export {
  type ModelDirectoriesParameters,
  type ModelDirectoriesReturnType,
  modelDirectories,
} from "./manifest/modelDirectories.ts";
export {
  type ModelRegistrationRecordParameters,
  type ModelRegistrationRecordReturnType,
  modelRegistrationRecord,
} from "./manifest/modelRegistrationRecord.ts";
export {
  MODEL_FILES,
  type PrepareModelParameters,
  type PrepareModelReturnType,
  prepareModel,
} from "./manifest/prepareModel.ts";
export { type ReadManifestParameters, type ReadManifestReturnType, readManifest } from "./manifest/readManifest.ts";
export { sha256 } from "./manifest/sha256.ts";
export type { ModelFeature, ModelFile, ModelKeys, ModelManifest, ModelTraining } from "./manifest/types.ts";
export {
  type WriteModelDirectoryParameters,
  type WriteModelDirectoryReturnType,
  writeModelDirectory,
} from "./manifest/writeModelDirectory.ts";
export {
  type BuildFloatOnnxParameters,
  type BuildFloatOnnxReturnType,
  buildFloatOnnx,
  type FloatOnnxLayout,
} from "./onnx/buildFloatOnnx.ts";
export {
  type BuildInt64OnnxParameters,
  type BuildInt64OnnxReturnType,
  buildInt64Onnx,
} from "./onnx/buildInt64Onnx.ts";
export {
  type ImportOnnxMlpParameters,
  type ImportOnnxMlpReturnType,
  importOnnxMlp,
} from "./onnx/importOnnxMlp.ts";
export { argmax } from "./quantize/argmax.ts";
export { type ChooseScaleParameters, type ChooseScaleReturnType, chooseScale } from "./quantize/chooseScale.ts";
export { type FloatForwardParameters, type FloatForwardReturnType, floatForward } from "./quantize/floatForward.ts";
export {
  type MeasureQuantizationLossParameters,
  type MeasureQuantizationLossReturnType,
  measureQuantizationLoss,
} from "./quantize/measureQuantizationLoss.ts";
export { type QuantizeMlpParameters, type QuantizeMlpReturnType, quantizeMlp } from "./quantize/quantizeMlp.ts";
export { type CreatePrngParameters, type CreatePrngReturnType, createPrng, type Prng } from "./random/createPrng.ts";
export {
  type RandomQuantizedMlpParameters,
  type RandomQuantizedMlpReturnType,
  randomQuantizedMlp,
} from "./random/randomQuantizedMlp.ts";
export {
  type BuildReferenceModelParameters,
  type BuildReferenceModelReturnType,
  buildReferenceModel,
  RISK_V1,
} from "./risk/buildReferenceModel.ts";
export {
  type BuildRiskFeaturesParameters,
  type BuildRiskFeaturesReturnType,
  buildRiskFeatures,
} from "./risk/buildRiskFeatures.ts";
export {
  type GenerateMarketStatesParameters,
  type GenerateMarketStatesReturnType,
  generateMarketStates,
} from "./risk/generateMarketStates.ts";
export { FEATURE_CLIP, RISK_FEATURES, RISK_LABELS } from "./risk/riskFeatures.ts";
export {
  HIGH_RISK_FROM,
  LOW_RISK_BELOW,
  type ScoreMarketRiskParameters,
  type ScoreMarketRiskReturnType,
  scoreMarketRisk,
} from "./risk/scoreMarketRisk.ts";
export type { RawMarketState, RiskFeatureSpec, RiskLabel } from "./risk/types.ts";
export {
  type CreateOnnxSessionParameters,
  type CreateOnnxSessionReturnType,
  createOnnxSession,
  type OnnxSession,
} from "./runtime/createOnnxSession.ts";
export { type RunOnnxParameters, type RunOnnxReturnType, runOnnx } from "./runtime/runOnnx.ts";
export { type TrainMlpParameters, type TrainMlpReturnType, trainMlp } from "./train/trainMlp.ts";
