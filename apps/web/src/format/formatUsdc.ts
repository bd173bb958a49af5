import { formatUnits } from "viem";

/** USDC base units (6 decimals) as "1.5 USDC". */
export function formatUsdc(amount: bigint): string {
  return `${formatUnits(amount, 6)} USDC`;
}
