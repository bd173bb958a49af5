import { WeakeningNotAppliedError } from "./errors/weakening.ts";

export type ReplaceOnceParameters = {
  text: string;
  from: string;
  to: string;
  /** Names the text in the error. */
  file: string;
};

/**
 * Replaces the one occurrence of `from` in a circuit source, or throws `WeakeningNotAppliedError`: a weakening
 * that silently matched nothing would leave the circuit sound and the test proving nothing.
 *
 * @example
 * replaceOnce({ text, from: "Num2Bits(Q + S)", to: "Num2BitsLowUnchecked(Q + S, S)", file: "fixedPoint.circom" })
 */
export function replaceOnce({ text, from, to, file }: ReplaceOnceParameters): string {
  const parts = text.split(from);
  if (parts.length !== 2) throw new WeakeningNotAppliedError({ file, from, found: parts.length - 1 });
  return parts.join(to);
}
