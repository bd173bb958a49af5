import type { VerificationKey } from "snarkjs";
import type { Address } from "viem";
import type { SetupCircuitReturnType } from "./setupCircuit.ts";
import { verifyContributionAttestations } from "./verifyContributionAttestations.ts";

export type ModelPinFromSetupParameters = {
  /** A setup on this machine (`setupCircuit`, `setupModel`, `loadSetup`) or a model's published keys. */
  setup: Pick<SetupCircuitReturnType, "zkey" | "verificationKey" | "record">;
  /** The model's weight commitment (Poseidon; `commitModel` or its manifest). */
  commitment: bigint;
};
/** Shaped as the SDK's `ModelPin`. */
export type ModelPinFromSetupReturnType = {
  commitment: bigint;
  verificationKey: VerificationKey;
  /** Addresses whose signed phase-2 contributions the proving key holds (`verifyContributionAttestations`). */
  contributors: readonly Address[];
};

/**
 * What a requester pins for a model it set up itself, or whose published keys it trusts: the weight commitment,
 * the verification key, and the contributors whose signed contributions are verified against the proving key
 * (signatures recovered over the hashes read from it; unverifiable attestations are dropped). Cheap: it does not
 * re-check the key against the circuit (`verifySetup` does).
 *
 * @example
 * const pin = await modelPinFromSetup({ setup: await loadSetup({ circuit }), commitment: await commitModel({ model }) });
 */
export async function modelPinFromSetup({
  setup,
  commitment,
}: ModelPinFromSetupParameters): Promise<ModelPinFromSetupReturnType> {
  const contributors = await verifyContributionAttestations({
    zkey: setup.zkey,
    attestations: setup.record.attestations ?? [],
    circuitKey: setup.record.key,
  });
  return { commitment, verificationKey: setup.verificationKey, contributors };
}
