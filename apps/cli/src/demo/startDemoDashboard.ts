import type { Deployment } from "@convergence/contracts";
import { dashboardConfigForStack } from "../web/dashboardConfigForStack.ts";
import { type ServeDashboardReturnType, serveDashboard } from "../web/serveDashboard.ts";

export type StartDemoDashboardParameters = {
  rpcUrl: string;
  deployment: Deployment;
  workers: readonly { url: string }[];
  /** The demo's x402 facilitator (in /config.json). */
  facilitatorUrl?: string | null;
  port: number;
  quiet?: boolean;
};

/**
 * `pnpm demo --ui`: the dashboard over the demo's chain and workers, started as soon as the workers run so the page shows
 * the demo's job opening, proving and verifying live.
 *
 * @example
 * const dashboard = await startDemoDashboard({ rpcUrl: chain.url, deployment: chain.deployment, workers, port: 5173 });
 */
export function startDemoDashboard({
  rpcUrl,
  deployment,
  workers,
  facilitatorUrl = null,
  port,
  quiet,
}: StartDemoDashboardParameters): Promise<ServeDashboardReturnType> {
  return serveDashboard({
    host: "127.0.0.1",
    port,
    ...(quiet === undefined ? {} : { quiet }),
    config: dashboardConfigForStack({ rpcUrl, deployment, workers, facilitatorUrl }),
  });
}
