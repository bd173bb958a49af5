import type { ChainStatus } from "../chain/useChainStatus.ts";
import type { DashboardConfig } from "../config/dashboardConfig.ts";
import { Notice } from "./Notice.tsx";

/** The chain's state above every page: down or undeployed says what to run; up shows nothing. */
export function ChainBanner({ status, config }: { status: ChainStatus; config: DashboardConfig }) {
  if (status.state === "down") {
    return (
      <Notice tone="error" title={`Chain down: ${config.rpcUrl} does not answer`} command="pnpm convergence devnet">
        The page retries every 2 s and picks up as soon as the node is back. ({status.error})
      </Notice>
    );
  }
  if (status.state === "undeployed" || Object.keys(config.contracts).length === 0) {
    return (
      <Notice
        tone="warning"
        title={`Nothing deployed: the chain at ${config.rpcUrl} has no Convergence contracts at the configured addresses`}
        command="pnpm convergence devnet"
      >
        On a chain you started yourself, <code>pnpm convergence deploy</code> deploys the stack; then reload.
      </Notice>
    );
  }
  return null;
}
