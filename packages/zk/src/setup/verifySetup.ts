import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { type SnarkjsLogger, zKey } from "snarkjs";
import type { Address } from "viem";
import { readBinSections } from "../files/readBinSections.ts";
import type { ContributionAttestation } from "./attestContribution.ts";
import { checkPtau } from "./checkPtau.ts";
import { readSetupRecord } from "./readSetupRecord.ts";
import { readZkeyContributions, type ZkeyContribution } from "./readZkeyContributions.ts";
import { terminateCurve } from "./terminateCurve.ts";
import { verifyContributionAttestations } from "./verifyContributionAttestations.ts";

export type VerifySetupParameters = {
  zkey: string;
  /** The circuit the key claims to be for. */
  r1cs: string;
  /** The prepared phase-1 file the key claims to start from; defaults to the development ceremony. */
  ptau?: string;
  /** Signed contributions to check against the key (setup.json `attestations`). */
  attestations?: readonly ContributionAttestation[];
  /**
   * The circuit key the contributors signed; defaults to `key` in the setup.json beside `zkey`, else in the
   * compiled.json beside `r1cs`. Without one, no contributor can be verified.
   */
  circuitKey?: string;
};
export type VerifySetupReturnType = {
  /** snarkjs `zkey verify`: the key was made from this r1cs and this ptau, every contribution and the beacon check. */
  valid: boolean;
  /** Every phase-2 contribution in the key; `contributor` only where an attestation's signature holds for its hash. */
  contributions: (ZkeyContribution & { contributor?: Address })[];
  /** What snarkjs reported wrong when `valid` is false. */
  problems: string[];
};

/**
 * Checks a proving key the way a stranger should before trusting it: snarkjs' `zKey.verifyFromR1cs` (the key
 * derives from this circuit and this phase 1 through the contributions it records), then lists those
 * contributions with the contributors whose signatures hold. Slow (seconds to a minute; it redoes the key's
 * derivation): run it once per key, not per proof.
 *
 * @example
 * const { valid, contributions } = await verifySetup({ zkey, r1cs, attestations: record.attestations });
 */
export async function verifySetup({
  zkey,
  r1cs,
  ptau,
  attestations = [],
  circuitKey,
}: VerifySetupParameters): Promise<VerifySetupReturnType> {
  // Bad paths and files get named errors before snarkjs runs.
  const contributions = await readZkeyContributions({ path: zkey });
  await readBinSections({ path: r1cs, magic: "r1cs", load: [] });
  const phase1 = await checkPtau({ ptau });

  const problems: string[] = [];
  const logger: SnarkjsLogger = {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (message) => problems.push(message),
  };
  let valid: boolean;
  try {
    valid = (await zKey.verifyFromR1cs(r1cs, phase1.path, zkey, logger)) === true;
  } catch (error) {
    valid = false;
    problems.push(error instanceof Error ? error.message : String(error));
  } finally {
    await terminateCurve();
  }

  const key = circuitKey ?? (await findCircuitKey({ zkey, r1cs }));
  const contributors = new Map<number, Address>();
  if (key !== undefined) {
    for (const attestation of attestations) {
      const [signer] = await verifyContributionAttestations({ zkey, attestations: [attestation], circuitKey: key });
      if (signer !== undefined && !contributors.has(attestation.index)) contributors.set(attestation.index, signer);
    }
  }
  return {
    valid,
    contributions: contributions.map((c) => {
      const contributor = contributors.get(c.index);
      return contributor === undefined ? c : { ...c, contributor };
    }),
    problems: valid ? [] : problems,
  };
}

async function findCircuitKey({ zkey, r1cs }: { zkey: string; r1cs: string }): Promise<string | undefined> {
  const record = join(dirname(resolve(zkey)), "setup.json");
  if (existsSync(record)) return (await readSetupRecord({ path: record })).key;
  const compiled = join(dirname(resolve(r1cs)), "compiled.json");
  if (existsSync(compiled)) return (JSON.parse(await readFile(compiled, "utf8")) as { key?: string }).key;
  return undefined;
}
