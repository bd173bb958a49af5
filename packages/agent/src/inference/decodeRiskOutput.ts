import { InvalidRiskOutputError } from "../errors/inference.ts";
import type { RiskLevel } from "../intent/types.ts";

export type DecodeRiskOutputParameters = {
  /** The attested logits as real values, in label order (requestInference's `values`). */
  logits: readonly number[];
  /** The model's labels in output order (risk-v1: low, medium, high). */
  labels?: readonly string[];
};

export type DecodeRiskOutputReturnType = {
  risk: RiskLevel;
  /** Expected risk in [0, 1]: p(medium) * 0.5 + p(high). */
  score: number;
  probabilities: Record<RiskLevel, number>;
};

const LEVELS: readonly RiskLevel[] = ["low", "medium", "high"];

/**
 * Reads a risk model's attested logits: risk = the label of the largest logit, probabilities =
 * softmax(logits), score = p(medium) * 0.5 + p(high).
 *
 * @example
 * decodeRiskOutput({ logits: [2, 0, -1] }); // { risk: "low", score: 0.17..., ... }
 */
export function decodeRiskOutput({ logits, labels = LEVELS }: DecodeRiskOutputParameters): DecodeRiskOutputReturnType {
  if (logits.length !== 3 || labels.length !== 3 || labels.some((label, i) => label !== LEVELS[i])) {
    throw new InvalidRiskOutputError({ logits, labels });
  }
  const top = Math.max(...logits);
  const weights = logits.map((v) => Math.exp(v - top));
  const total = weights.reduce((a, b) => a + b, 0);
  const [low, medium, high] = weights.map((w) => w / total) as [number, number, number];
  const best = logits.reduce((at, v, i) => (v > logits[at]! ? i : at), 0);
  return {
    risk: LEVELS[best]!,
    score: medium * 0.5 + high,
    probabilities: { low, medium, high },
  };
}
