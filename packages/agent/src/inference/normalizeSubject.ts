import { UnsupportedSubjectError } from "../errors/inference.ts";

/** The subjects whose market state can be read from the chain. */
export const SUPPORTED_SUBJECTS = ["WETH/USDC"] as const;

/**
 * The subject as the agent scores it ("usdc/weth" is "WETH/USDC"), or UnsupportedSubjectError for a market it cannot
 * read from the chain.
 *
 * @example
 * normalizeSubject({ subject: "usdc/weth" }); // "WETH/USDC"
 */
export function normalizeSubject({ subject }: { subject: string }): (typeof SUPPORTED_SUBJECTS)[number] {
  const pair = subject.toUpperCase().replace(/^USDC\/WETH$/, "WETH/USDC");
  const found = SUPPORTED_SUBJECTS.find((supported) => supported === pair);
  if (!found) throw new UnsupportedSubjectError({ subject, supported: SUPPORTED_SUBJECTS });
  return found;
}
