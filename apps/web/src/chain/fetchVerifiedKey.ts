import { hashVerificationKey, type VerificationKey } from "@convergence/zk";
import type { Hex } from "viem";

/**
 * The verification key for a model from the page's server (`/keys/<modelId>.json`), kept only if it hashes
 * (`hashVerificationKey`) to the `vkeyHash` the chain registers for the model; undefined otherwise.
 *
 * @example
 * const key = await fetchVerifiedKey({ modelId: 1n, vkeyHash: model.vkeyHash });
 */
export async function fetchVerifiedKey({
  modelId,
  vkeyHash,
}: {
  modelId: bigint;
  vkeyHash: Hex;
}): Promise<VerificationKey | undefined> {
  const response = await fetch(`/keys/${modelId}.json`, { cache: "no-store" });
  if (!response.ok) return undefined;
  const key = (await response.json()) as VerificationKey;
  return hashVerificationKey(key).toLowerCase() === vkeyHash.toLowerCase() ? key : undefined;
}
