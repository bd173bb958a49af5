/**
 * The index of the largest value (the first one on ties): the predicted class of a logit vector.
 *
 * @example
 * argmax({ values: [0.1, 2, -3] }) // 1
 */
export function argmax({ values }: { values: readonly (number | bigint)[] }): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}
