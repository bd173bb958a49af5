import { type Address, getAddress, isAddress } from "viem";
import { InvalidDidError } from "../errors/did.ts";

export type ParseDidReturnType = { did: string; chainId: number; address: Address };

const DID_ETHR = /^did:ethr:(0x[0-9a-fA-F]+):(0x[0-9a-fA-F]{40})$/;

/**
 * Parses `did:ethr:<hex chain id>:<address>` (the only form Convergence issues).
 *
 * @example
 * parseDid({ did: "did:ethr:0x7a69:0x70997970C51812dc3A010C7d01b50e0d17dc79C8" }).chainId // 31337
 */
export function parseDid({ did }: { did: string }): ParseDidReturnType {
  const match = DID_ETHR.exec(did);
  if (!match || !isAddress(match[2] as string, { strict: false })) throw new InvalidDidError({ did });
  return { did, chainId: Number.parseInt(match[1] as string, 16), address: getAddress(match[2] as string) };
}
