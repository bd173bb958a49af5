import type { Address, Hex, LocalAccount } from "viem";
import { ContributionNotFoundError } from "../errors/setup.ts";
import { contributionMessage } from "./contributionMessage.ts";
import { readZkeyContributions } from "./readZkeyContributions.ts";

/** A contributor's signature over one phase-2 contribution of a proving key (setup.json `attestations`). */
export type ContributionAttestation = {
  /** The contribution's number in the key, from 1 (`readZkeyContributions`). */
  index: number;
  /** Its contribution hash. */
  hash: Hex;
  contributor: Address;
  /** EIP-191 signature of `contributionMessage({ circuitKey, hash })`. */
  signature: Hex;
};

export type AttestContributionParameters = {
  zkey: string;
  /** The contribution to attest, from 1; defaults to the key's last contribution. */
  index?: number;
  circuitKey: string;
  account: LocalAccount;
};
export type AttestContributionReturnType = ContributionAttestation;

/**
 * Signs one contribution of a proving key: reads its hash from the key (section 10) and has `account` sign
 * `contributionMessage`. Call it right after the account's own contribution.
 *
 * @example
 * const attestation = await attestContribution({ zkey, circuitKey: circuit.key, account: privateKeyToAccount(key) });
 */
export async function attestContribution({
  zkey,
  index,
  circuitKey,
  account,
}: AttestContributionParameters): Promise<AttestContributionReturnType> {
  const contributions = await readZkeyContributions({ path: zkey });
  const wanted = index ?? contributions.length;
  const contribution = contributions.find((c) => c.index === wanted);
  if (contribution === undefined) {
    throw new ContributionNotFoundError({ path: zkey, index: wanted, count: contributions.length });
  }
  const signature = await account.signMessage({
    message: contributionMessage({ circuitKey, hash: contribution.hash }),
  });
  return { index: contribution.index, hash: contribution.hash, contributor: account.address, signature };
}
