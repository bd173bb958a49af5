import type { ModelShapeReturnType } from "../mlp/modelShape.ts";

export type CircuitNameParameters = { shape: Pick<ModelShapeReturnType, "widths" | "relu" | "scale"> };

/**
 * A readable name for a shape's circuit: `mlp_8_16_3_s8` (ReLU on every hidden layer, none on the
 * output), with an `_r<flags>` suffix when the ReLU pattern differs.
 *
 * @example
 * circuitName({ shape: { widths: [8, 16, 3], relu: [true, false], scale: 8 } }) // "mlp_8_16_3_s8"
 */
export function circuitName({ shape }: CircuitNameParameters): string {
  const standard = shape.relu.every((relu, k) => relu === k < shape.relu.length - 1);
  const suffix = standard ? "" : `_r${shape.relu.map((relu) => (relu ? 1 : 0)).join("")}`;
  return `mlp_${shape.widths.join("_")}_s${shape.scale}${suffix}`;
}
