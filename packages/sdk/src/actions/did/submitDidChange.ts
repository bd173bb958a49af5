import { didRegistryAbi } from "@convergence/contracts";
import type { Abi, Address, Hash, TransactionReceipt } from "viem";
import type { WriteClient } from "../../client/types.ts";
import { writeContractAndWait } from "../../internal/writeContractAndWait.ts";
import { encodeDidChange } from "./encodeDidChange.ts";
import type { DidChange, DidSignature } from "./types.ts";

export type SubmitDidChangeParameters = {
  client: WriteClient;
  registry: Address;
  identity: Address;
  change: DidChange;
  /** With a signature from `signDidChange`, anyone may submit (the `*Signed` function); without, the owner sends it. */
  signature?: DidSignature;
};

export type SubmitDidChangeReturnType = { hash: Hash; receipt: TransactionReceipt };

/**
 * Applies an ERC-1056 change to a DID: changeOwner, add/revokeDelegate, set/revokeAttribute, plain or
 * signed by the owner and relayed by anyone.
 *
 * @example
 * await submitDidChange({ client, registry, identity: client.account.address,
 *   change: { type: "addDelegate", delegateType: "sigAuth", delegate, validity: 86400n } });
 */
export async function submitDidChange({
  client,
  registry,
  identity,
  change,
  signature,
}: SubmitDidChangeParameters): Promise<SubmitDidChangeReturnType> {
  const { args } = encodeDidChange({ change });
  const { hash, receipt } = await writeContractAndWait({
    client,
    contract: "DIDRegistry",
    address: registry,
    abi: didRegistryAbi as Abi,
    functionName: signature ? `${change.type}Signed` : change.type,
    args: signature ? [identity, signature.v, signature.r, signature.s, ...args] : [identity, ...args],
  });
  return { hash, receipt };
}
