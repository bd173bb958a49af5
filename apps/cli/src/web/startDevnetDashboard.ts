import type { Deployment } from "@convergence/contracts";
import { findFreePort } from "@convergence/devnet";
import { startDevnetAgentServer } from "../agentServer/startDevnetAgentServer.ts";
import { dashboardConfigForStack } from "./dashboardConfigForStack.ts";
import { serveDashboard } from "./serveDashboard.ts";

export type StartDevnetDashboardParameters = {
  host: string;
  /** 0: any free port. */
  dashboardPort: number;
  /** The agent endpoint's port (0: any free port). */
  agentPort: number;
  rpcUrl: string;
  deployment: Deployment;
  workers: readonly { url: string }[];
  /** The x402 facilitator the stack runs, if any (in /config.json). */
  facilitatorUrl?: string | null;
  quiet?: boolean;
};

export type StartDevnetDashboardReturnType = {
  dashboardUrl: string;
  agentUrl: string;
  close(): Promise<void>;
};

/**
 * `convergence devnet`'s dashboard and the agent endpoint its intent console talks to. The dashboard's port is settled
 * first (a free one for 0), so the agent endpoint can allow exactly its origin; then the dashboard is served with the
 * endpoint's URL in its /config.json.
 *
 * @example
 * const { dashboardUrl, agentUrl } = await startDevnetDashboard({ host, dashboardPort: 5173, agentPort: 8787, ... });
 */
export async function startDevnetDashboard({
  host,
  dashboardPort,
  agentPort,
  rpcUrl,
  deployment,
  workers,
  facilitatorUrl = null,
  quiet,
}: StartDevnetDashboardParameters): Promise<StartDevnetDashboardReturnType> {
  const port = dashboardPort === 0 ? await findFreePort({ host }) : dashboardPort;
  const agent = await startDevnetAgentServer({
    rpcUrl,
    chainId: deployment.chainId,
    deployment,
    dashboardUrl: `http://${host}:${port}`,
    port: agentPort,
  });
  try {
    const dashboard = await serveDashboard({
      host,
      port,
      ...(quiet === undefined ? {} : { quiet }),
      config: dashboardConfigForStack({ rpcUrl, deployment, workers, agentUrl: agent.url, facilitatorUrl }),
    });
    return {
      dashboardUrl: dashboard.url,
      agentUrl: agent.url,
      close: async () => {
        await dashboard.close();
        await agent.close();
      },
    };
  } catch (error) {
    await agent.close();
    throw error;
  }
}
