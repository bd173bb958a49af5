import type { Address } from "viem";

/** A token the stack knows: native ETH has no address. */
export type TokenInfo = { symbol: string; decimals: number; address: Address | undefined };
