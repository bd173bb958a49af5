import { lazy, type ReactNode, Suspense, useEffect, useMemo, useState } from "react";
import { createDashboardClient } from "./chain/createDashboardClient.ts";
import { useChainStatus } from "./chain/useChainStatus.ts";
import { useStackEvents } from "./chain/useStackEvents.ts";
import { Layout } from "./components/Layout.tsx";
import { Notice } from "./components/Notice.tsx";
import { DashboardContext } from "./config/DashboardContext.ts";
import type { DashboardConfig } from "./config/dashboardConfig.ts";
import { loadDashboardConfig } from "./config/loadDashboardConfig.ts";
import { AgentsPage } from "./pages/AgentsPage.tsx";
import { IntentConsole } from "./pages/IntentConsole.tsx";
import { JobPage } from "./pages/JobPage.tsx";
import { JobsPage } from "./pages/JobsPage.tsx";
import { ModelsPage } from "./pages/ModelsPage.tsx";
import { OverviewPage } from "./pages/OverviewPage.tsx";
import { PoolPage } from "./pages/PoolPage.tsx";
import { matchRoute, type Route } from "./routing/matchRoute.ts";
import { usePath } from "./routing/usePath.ts";

// The proof page carries snarkjs (bn128 in WebAssembly): loaded when opened, not with every page.
const ProofPage = lazy(() => import("./pages/ProofPage.tsx"));
// The agent page carries ethr-did-resolver (and the ethers it is built on): loaded when opened too.
const AgentPage = lazy(() => import("./pages/AgentPage.tsx"));
// The market page hashes verification keys with @convergence/zk (whose entry carries snarkjs): loaded when opened.
const MarketPage = lazy(() => import("./pages/MarketPage.tsx"));

function page(route: Route): ReactNode {
  switch (route.page) {
    case "overview":
      return <OverviewPage />;
    case "agents":
      return <AgentsPage />;
    case "agent":
      return (
        <Suspense fallback={<p className="loading">Loading the agent page…</p>}>
          <AgentPage agentId={route.agentId} />
        </Suspense>
      );
    case "jobs":
      return <JobsPage />;
    case "job":
      return <JobPage jobId={route.jobId} />;
    case "proof":
      return (
        <Suspense fallback={<p className="loading">Loading the proof page…</p>}>
          <ProofPage jobId={route.jobId} />
        </Suspense>
      );
    case "models":
      return <ModelsPage />;
    case "market":
      return (
        <Suspense fallback={<p className="loading">Loading the market page…</p>}>
          <MarketPage />
        </Suspense>
      );
    case "pool":
      return <PoolPage />;
    case "intent":
      return <IntentConsole />;
    case "notFound":
      return <Notice tone="warning" title={`No page at ${route.path}`} />;
  }
}

function Connected({ config, path }: { config: DashboardConfig; path: string }) {
  const client = useMemo(() => createDashboardClient({ config }), [config]);
  const status = useChainStatus({ client, config });
  const version = useStackEvents({ client, config });
  const dashboard = useMemo(() => ({ config, client, status, version }), [config, client, status, version]);
  return (
    <DashboardContext.Provider value={dashboard}>
      <Layout path={path}>{page(matchRoute({ path }))}</Layout>
    </DashboardContext.Provider>
  );
}

/** The dashboard: loads /config.json, then routes the URL to its page. */
export function App() {
  const path = usePath();
  const [config, setConfig] = useState<DashboardConfig | Error | undefined>();
  useEffect(() => {
    loadDashboardConfig().then(setConfig, (error: unknown) =>
      setConfig(error instanceof Error ? error : new Error(String(error))),
    );
  }, []);
  if (config === undefined) return <p className="loading">Loading the dashboard's configuration…</p>;
  if (config instanceof Error) {
    return (
      <div className="layout">
        <Notice tone="error" title="The dashboard has no configuration" command="pnpm convergence devnet">
          {config.message}. The dashboard is served by <code>pnpm convergence devnet</code> or{" "}
          <code>pnpm demo --ui</code>, which write its /config.json.
        </Notice>
      </div>
    );
  }
  return <Connected config={config} path={path} />;
}
