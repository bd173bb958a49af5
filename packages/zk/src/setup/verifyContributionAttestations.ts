import { type Address, getAddress, isAddressEqual, recoverMessageAddress } from "viem";
import type { ContributionAttestation } from "./attestContribution.ts";
import { contributionMessage } from "./contributionMessage.ts";
import { readZkeyContributions } from "./readZkeyContributions.ts";

export type VerifyContributionAttestationsParameters = {
  zkey: string;
  attestations: readonly ContributionAttestation[];
  /** The circuit key the contributors signed (`SetupRecord.key`). */
  circuitKey: string;
};
/** The distinct addresses whose attestation holds, in the order of their contributions. */
export type VerifyContributionAttestationsReturnType = Address[];

/**
 * The contributors of a proving key that can be trusted to have contributed: an attestation counts only when the
 * key's contribution at its index has exactly its hash and its signature recovers to its contributor over
 * `contributionMessage`. Anything else (another key's hash, a forged or malformed signature, an index the key does
 * not have) is dropped, not trusted. Cheap: reads section 10 of the key and recovers signatures.
 *
 * @example
 * const contributors = await verifyContributionAttestations({ zkey, attestations: record.attestations, circuitKey: record.key });
 */
export async function verifyContributionAttestations({
  zkey,
  attestations,
  circuitKey,
}: VerifyContributionAttestationsParameters): Promise<VerifyContributionAttestationsReturnType> {
  const contributions = await readZkeyContributions({ path: zkey });
  const verified: { index: number; contributor: Address }[] = [];
  for (const attestation of attestations) {
    const contribution = contributions.find((c) => c.index === attestation.index);
    if (contribution === undefined || contribution.hash.toLowerCase() !== String(attestation.hash).toLowerCase()) {
      continue;
    }
    try {
      const signer = await recoverMessageAddress({
        message: contributionMessage({ circuitKey, hash: contribution.hash }),
        signature: attestation.signature,
      });
      if (isAddressEqual(signer, attestation.contributor)) {
        verified.push({ index: contribution.index, contributor: getAddress(signer) });
      }
    } catch {
      // A malformed signature or address attests nothing.
    }
  }
  verified.sort((a, b) => a.index - b.index);
  return [...new Set(verified.map((v) => v.contributor))];
}
