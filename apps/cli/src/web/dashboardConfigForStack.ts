import type { Deployment } from "@convergence/contracts";
import type { DashboardConfig } from "@convergence/web/config";

export type DashboardConfigForStackParameters = {
  rpcUrl: string;
  deployment: Deployment;
  /** Worker base URLs. */
  workers: readonly { url: string }[];
  /** `convergence agent serve`'s URL when one runs in this process. */
  agentUrl?: string | null;
  /** The x402 facilitator the workers settle paid calls through, when the stack runs one. */
  facilitatorUrl?: string | null;
};

/**
 * The dashboard's /config.json for a running stack: its chain, its deployment's contracts and start block, its workers.
 *
 * @example
 * const config = dashboardConfigForStack({ rpcUrl: stack.chain.url, deployment: stack.chain.deployment, workers: stack.workers });
 */
export function dashboardConfigForStack({
  rpcUrl,
  deployment,
  workers,
  agentUrl = null,
  facilitatorUrl = null,
}: DashboardConfigForStackParameters): DashboardConfig {
  return {
    rpcUrl,
    chainId: deployment.chainId,
    contracts: deployment.contracts,
    fromBlock: deployment.startBlock,
    workers: workers.map((worker) => worker.url),
    agentUrl,
    facilitatorUrl,
  };
}
