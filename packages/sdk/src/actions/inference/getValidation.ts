import { validationRegistryAbi } from "@convergence/contracts";
import type { Address, Hex } from "viem";
import type { ReadClient } from "../../client/types.ts";

export type GetValidationParameters = {
  client: ReadClient;
  /** The ValidationRegistry (deployment.contracts.ValidationRegistry). */
  registry: Address;
  /** E.g. an attestation's `validationRequestHash`. */
  requestHash: Hex;
};

export type GetValidationReturnType = {
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
 * Reads an ERC-8004 validation request and its response. Reverts with ValidationRegistryUnknownRequest for a hash
 * nobody filed.
 *
 * @example
 * const { response } = await getValidation({ client, registry, requestHash: attestation.validationRequestHash });
 */
export async function getValidation({
  client,
  registry,
  requestHash,
}: GetValidationParameters): Promise<GetValidationReturnType> {
  const [validator, agentId, response, responseHash, tag, lastUpdate] = await client.readContract({
    address: registry,
    abi: validationRegistryAbi,
    functionName: "getValidationStatus",
    args: [requestHash],
  });
  return { validator, agentId, response, responseHash, tag, lastUpdate };
}
