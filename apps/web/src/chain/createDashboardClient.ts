import { createPublicClient, defineChain, http, type PublicClient } from "viem";
import type { DashboardConfig } from "../config/dashboardConfig.ts";

/**
 * The page's read-only client for the configured chain: plain JSON-RPC over HTTP, polling once a second for the event
 * watchers (a devnet mines on demand, so a second is the pace a person sees changes at).
 *
 * @example
 * const client = createDashboardClient({ config });
 */
export function createDashboardClient({ config }: { config: DashboardConfig }): PublicClient {
  const chain = defineChain({
    id: config.chainId,
    name: config.chainId === 31337 ? "Convergence devnet" : `Chain ${config.chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
  });
  return createPublicClient({
    chain,
    transport: http(config.rpcUrl, { retryCount: 0, timeout: 5_000 }),
    pollingInterval: 1_000,
  }) as PublicClient;
}
