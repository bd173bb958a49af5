import type { Hex } from "viem";

export type ContributionMessageParameters = {
  /** The circuit's cache key (`CompiledCircuit.key`, `SetupRecord.key`). */
  circuitKey: string;
  /** The contribution hash (`readZkeyContributions`), 0x + 128 hex digits. */
  hash: Hex;
};

/**
 * The text a phase-2 contributor signs (EIP-191 personal_sign) to attest its contribution: the one owner of its
 * wording, for signing (`attestContribution`) and recovering (`verifyContributionAttestations`).
 *
 * @example
 * contributionMessage({ circuitKey: "mlp_8_16_3_s8-15e23f539bb3", hash: "0x1c0e..." })
 * // "Convergence phase-2 contribution\nkey: mlp_8_16_3_s8-15e23f539bb3\nhash: 0x1c0e..."
 */
export function contributionMessage({ circuitKey, hash }: ContributionMessageParameters): string {
  return `Convergence phase-2 contribution\nkey: ${circuitKey}\nhash: ${hash.toLowerCase()}`;
}
