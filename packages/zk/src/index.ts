export { BaseError, type BaseErrorParameters } from "./errors/base.ts";
export { InvalidScaleError, ShapeMismatchError, ValueOutOfRangeError } from "./errors/fixedPoint.ts";
export * from "./fixedPoint/constants.ts";
export { floorDiv } from "./fixedPoint/floorDiv.ts";
export { type ForwardParameters, type ForwardReturnType, forward } from "./fixedPoint/forward.ts";
export { type QuantizeValueParameters, quantizeValue } from "./fixedPoint/quantizeValue.ts";
export type { FloatLayer, FloatMlp, QuantizedLayer, QuantizedMlp } from "./fixedPoint/types.ts";
