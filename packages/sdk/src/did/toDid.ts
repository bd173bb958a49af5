import { type Address, getAddress } from "viem";

/** `did:ethr:<hex chain id>:<address>` for an account. */
export function toDid({ chainId, address }: { chainId: number; address: Address }): string {
  return `did:ethr:0x${chainId.toString(16)}:${getAddress(address)}`;
}
