import { modelRegistryAbi } from "@convergence/contracts";
import type { Address, Hex } from "viem";
import type { ReadClient } from "../../client/types.ts";

export type FindModelRegistrationParameters = {
  client: ReadClient;
  /** The ModelRegistry (deployment.contracts.ModelRegistry). */
  registry: Address;
  /** Where to search for registrations: the deployment's start block. */
  fromBlock: bigint;
  /** sha256 of the verification key the registration must carry (phase 2 is random per machine). */
  vkeyHash: Hex;
  /** The weight commitment it must carry; omit to accept any weights of the same circuit and key. */
  commitment?: bigint;
  /**
   * The account that must own the registration; omit to accept any owner. Anyone can register any vkeyHash with any
   * verifier address, so a caller about to reuse the verifier it finds should pass its own account.
   */
  owner?: Address;
};

export type FindModelRegistrationReturnType =
  | {
      modelId: bigint;
      verifier: Address;
      owner: Address;
      commitment: bigint;
      vkeyHash: Hex;
      circuitId: Hex;
    }
  | undefined;

/**
 * The latest active ModelRegistry registration with this verification key hash (and, when given, this weight
 * commitment and this owner), or undefined. With a commitment it answers "is this exact model already registered for this machine's
 * keys"; without one, "is there a verifier deployed for these keys" (retrained weights of a known shape reuse it).
 *
 * @example
 * const found = await findModelRegistration({ client, registry, fromBlock: BigInt(deployment.startBlock), vkeyHash, commitment });
 */
export async function findModelRegistration({
  client,
  registry,
  fromBlock,
  vkeyHash,
  commitment,
  owner,
}: FindModelRegistrationParameters): Promise<FindModelRegistrationReturnType> {
  const registrations = await client.getContractEvents({
    address: registry,
    abi: modelRegistryAbi,
    eventName: "ModelRegistered",
    fromBlock,
    strict: true,
  });
  for (const { args } of registrations.reverse()) {
    if (args.vkeyHash.toLowerCase() !== vkeyHash.toLowerCase()) continue;
    if (commitment !== undefined && args.commitment !== commitment) continue;
    if (owner !== undefined && args.owner.toLowerCase() !== owner.toLowerCase()) continue;
    const active = await client.readContract({
      address: registry,
      abi: modelRegistryAbi,
      functionName: "isActive",
      args: [args.modelId],
    });
    if (!active) continue;
    return {
      modelId: args.modelId,
      verifier: args.verifier,
      owner: args.owner,
      commitment: args.commitment,
      vkeyHash: args.vkeyHash,
      circuitId: args.circuitId,
    };
  }
  return undefined;
}
