import type { Address, Hex } from "viem";

/**
 * One ERC-1056 change to a DID. Delegate types and attribute names are strings of at most 32 bytes
 * (e.g. "sigAuth", "did/svc/AgentService"); attribute values are hex bytes or UTF-8 text.
 */
export type DidChange =
  | { type: "changeOwner"; newOwner: Address }
  | { type: "addDelegate"; delegateType: string; delegate: Address; validity: bigint }
  | { type: "revokeDelegate"; delegateType: string; delegate: Address }
  | { type: "setAttribute"; name: string; value: Hex | string; validity: bigint }
  | { type: "revokeAttribute"; name: string; value: Hex | string };

/** An ERC-1056 signature by the identity's owner, as the `*Signed` functions take it. */
export type DidSignature = { v: number; r: Hex; s: Hex };
