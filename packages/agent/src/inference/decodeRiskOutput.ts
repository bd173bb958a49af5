import { InvalidRiskOutputError } from "../errors/inference.ts";
import type { RiskLevel } from "../intent/types.ts";

export type DecodeRiskOutputParameters = {
  /** The attested outputs: signed fixed-point logits at scale 2^scale, in label order. */
  outputs: readonly bigint[];
  scale: number;
  /** The model's labels in output order (risk-v1: low, medium, high). */
  labels?: readonly string[];
};

export type DecodeRiskOutputReturnType = {
  risk: RiskLevel;
  /** Expected risk in [0, 1]: p(medium) * 0.5 + p(high). */
  score: number;
  probabilities: Record<RiskLevel, number>;
  /** The decoded logits, outputs / 2^scale. */
  logits: number[];
};

const LEVELS: readonly RiskLevel[] = ["low", "medium", "high"];

/**
 * Reads a risk model's attested outputs: logits = outputs / 2^scale, risk = the label of the largest
 * logit, probabilities = softmax(logits), score = p(medium) * 0.5 + p(high).
 *
 * @example
 * decodeRiskOutput({ outputs: [512n, 0n, -256n], scale: 8 }); // { risk: "low", score: 0.17..., ... }
 */
export function decodeRiskOutput({
  outputs,
  scale,
  labels = LEVELS,
}: DecodeRiskOutputParameters): DecodeRiskOutputReturnType {
  if (outputs.length !== 3 || labels.length !== 3 || labels.some((label, i) => label !== LEVELS[i])) {
    throw new InvalidRiskOutputError({ outputs, labels });
  }
  const logits = outputs.map((v) => Number(v) / 2 ** scale);
  const top = Math.max(...logits);
  const weights = logits.map((v) => Math.exp(v - top));
  const total = weights.reduce((a, b) => a + b, 0);
  const [low, medium, high] = weights.map((w) => w / total) as [number, number, number];
  const best = logits.reduce((at, v, i) => (v > logits[at]! ? i : at), 0);
  return {
    risk: LEVELS[best]!,
    score: medium * 0.5 + high,
    probabilities: { low, medium, high },
    logits,
  };
}
