import type { Deployment } from "@convergence/contracts";
import type { TokenInfo } from "./types.ts";

/** ETH, WETH and USDC as deployed by the stack. */
export function stackTokens({ deployment }: { deployment: Pick<Deployment, "contracts"> }): TokenInfo[] {
  return [
    { symbol: "ETH", decimals: 18, address: undefined },
    { symbol: "WETH", decimals: 18, address: deployment.contracts.WETH },
    { symbol: "USDC", decimals: 6, address: deployment.contracts.USDC },
  ];
}
