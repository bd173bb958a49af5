import { inferenceAttestorAbi } from "@convergence/contracts";
import type { Address } from "viem";
import type { ReadClient } from "../../client/types.ts";
import { AttestationNotFoundError } from "../../errors/inference.ts";
import { decodeRevert } from "../../utils/decodeRevert.ts";
import type { Attestation } from "./types.ts";

export type GetAttestationParameters = {
  client: ReadClient;
  /** The InferenceAttestor (deployment.contracts.InferenceAttestor). */
  attestor: Address;
  /** The escrow's job id: an attestation is keyed by the job it settled. */
  jobId: bigint;
};
export type GetAttestationReturnType = Attestation;

/**
 * Reads the attestation of a fulfilled job: model, input commitment, the verified outputs, the worker, when, and the
 * ERC-8004 validation request it answered.
 *
 * @example
 * const { outputs } = await getAttestation({ client, attestor: deployment.contracts.InferenceAttestor, jobId });
 */
export async function getAttestation({
  client,
  attestor,
  jobId,
}: GetAttestationParameters): Promise<GetAttestationReturnType> {
  try {
    const attestation = await client.readContract({
      address: attestor,
      abi: inferenceAttestorAbi,
      functionName: "getAttestation",
      args: [jobId],
    });
    return { ...attestation, outputs: [...attestation.outputs] };
  } catch (error) {
    if (decodeRevert(error).errorName === "InferenceAttestorUnknownAttestation") {
      throw new AttestationNotFoundError({ jobId, attestor, cause: error });
    }
    throw error;
  }
}
