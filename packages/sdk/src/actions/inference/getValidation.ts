import { inferenceAttestorAbi, validationRegistryAbi } from "@convergence/contracts";
import { type Address, type Hex, isAddressEqual } from "viem";
import type { ReadClient } from "../../client/types.ts";
import { ValidationNotByAttestorError } from "../../errors/inference.ts";

export type GetValidationParameters = {
  client: ReadClient;
  /**
   * This deployment's InferenceAttestor (deployment.contracts.InferenceAttestor): the one validator that counts,
   * and the owner of the ValidationRegistry address read.
   */
  attestor: Address;
  /** E.g. an attestation's `validationRequestHash`. */
  requestHash: Hex;
};

export type GetValidationReturnType = {
  /** Always the attestor: a request naming another validator is refused. */
  validator: Address;
  agentId: bigint;
  /** 0-100; 0 until answered. */
  response: number;
  responseHash: Hex;
  tag: string;
  /** Unix seconds of the request, or of the latest response. */
  lastUpdate: bigint;
};

/**
 * Reads an ERC-8004 validation request and its response from the attestor's ValidationRegistry, counting only the
 * attestor's: anyone can file a request under any hash and answer it, so a request naming another validator (a
 * self-validation, a squatted hash) is a ValidationNotByAttestorError. Reverts with ValidationRegistryUnknownRequest
 * for a hash nobody filed.
 *
 * @example
 * const { response } = await getValidation({ client, attestor: deployment.contracts.InferenceAttestor, requestHash: attestation.validationRequestHash });
 */
export async function getValidation({
  client,
  attestor,
  requestHash,
}: GetValidationParameters): Promise<GetValidationReturnType> {
  // The attestor names its registry: a registry taken from elsewhere could report anything.
  const registry = await client.readContract({
    address: attestor,
    abi: inferenceAttestorAbi,
    functionName: "validationRegistry",
  });
  const [validator, agentId, response, responseHash, tag, lastUpdate] = await client.readContract({
    address: registry,
    abi: validationRegistryAbi,
    functionName: "getValidationStatus",
    args: [requestHash],
  });
  if (!isAddressEqual(validator, attestor))
    throw new ValidationNotByAttestorError({ requestHash, validator, attestor });
  return { validator, agentId, response, responseHash, tag, lastUpdate };
}
