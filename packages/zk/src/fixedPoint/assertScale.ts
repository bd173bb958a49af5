import { InvalidScaleError } from "../errors/fixedPoint.ts";
import { MAX_SCALE, MIN_SCALE } from "./constants.ts";

export function assertScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < MIN_SCALE || scale > MAX_SCALE) throw new InvalidScaleError({ scale });
}
