import { didRegistryAbi } from "@convergence/contracts";
import { type Address, encodePacked, keccak256, parseSignature } from "viem";
import type { ReadClient, SigningAccount } from "../../client/types.ts";
import { encodeDidChange } from "./encodeDidChange.ts";
import type { DidChange, DidSignature } from "./types.ts";

export type SignDidChangeParameters = {
  client: ReadClient;
  registry: Address;
  identity: Address;
  change: DidChange;
  /** The identity's current owner, who signs. Needs a local key: ERC-1056 signs the raw digest. */
  signer: SigningAccount;
};

/**
 * Signs a DID change for someone else to submit (a meta-transaction), with the ERC-1056 layout
 * keccak256(0x19 0x00 registry nonce[owner] identity "<function>" args...).
 *
 * @example
 * const signature = await signDidChange({ client, registry, identity, signer: owner,
 *   change: { type: "setAttribute", name: "did/svc/AgentService", value: "https://agent.example", validity: 86400n } });
 */
export async function signDidChange({
  client,
  registry,
  identity,
  change,
  signer,
}: SignDidChangeParameters): Promise<DidSignature> {
  const owner = await client.readContract({
    address: registry,
    abi: didRegistryAbi,
    functionName: "identityOwner",
    args: [identity],
  });
  const nonce = await client.readContract({
    address: registry,
    abi: didRegistryAbi,
    functionName: "nonce",
    args: [owner],
  });
  const { args, packedTypes } = encodeDidChange({ change });
  const digest = keccak256(
    encodePacked(["bytes1", "bytes1", "address", "uint256", "address", "string", ...packedTypes], [
      "0x19",
      "0x00",
      registry,
      nonce,
      identity,
      change.type,
      ...args,
    ] as never),
  );
  const { v, r, s, yParity } = parseSignature(await signer.sign({ hash: digest }));
  return { v: Number(v ?? BigInt(27 + yParity)), r, s };
}
