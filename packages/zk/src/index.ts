export { type CommitInputParameters, type CommitInputReturnType, commitInput } from "./commitment/commitInput.ts";
export { type CommitModelParameters, type CommitModelReturnType, commitModel } from "./commitment/commitModel.ts";
export {
  type ComputeBindingParameters,
  type ComputeBindingReturnType,
  computeBinding,
} from "./commitment/computeBinding.ts";
export * from "./commitment/constants.ts";
export { type PackValuesParameters, type PackValuesReturnType, packValues } from "./commitment/packValues.ts";
export { type RandomSaltReturnType, randomSalt } from "./commitment/randomSalt.ts";
export { type SpongeHashParameters, type SpongeHashReturnType, spongeHash } from "./commitment/spongeHash.ts";
export { BaseError, type BaseErrorParameters } from "./errors/base.ts";
export { InvalidSaltError } from "./errors/commitment.ts";
export { InvalidScaleError, ShapeMismatchError, ValueOutOfRangeError } from "./errors/fixedPoint.ts";
export * from "./fixedPoint/constants.ts";
export { floorDiv } from "./fixedPoint/floorDiv.ts";
export { type ForwardParameters, type ForwardReturnType, forward } from "./fixedPoint/forward.ts";
export { type QuantizeValueParameters, quantizeValue } from "./fixedPoint/quantizeValue.ts";
export type { FloatLayer, FloatMlp, QuantizedLayer, QuantizedMlp } from "./fixedPoint/types.ts";
export { type FlattenModelParameters, type FlattenModelReturnType, flattenModel } from "./model/flattenModel.ts";
export { type ModelShapeParameters, type ModelShapeReturnType, modelShape } from "./model/modelShape.ts";
