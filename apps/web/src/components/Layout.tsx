import type { ReactNode } from "react";
import { useDashboard } from "../config/useDashboard.ts";
import { Link } from "../routing/Link.tsx";
import { ChainBanner } from "./ChainBanner.tsx";

const pages: [string, string][] = [
  ["/", "Overview"],
  ["/agents", "Agents"],
  ["/jobs", "Jobs"],
  ["/models", "Models"],
  ["/market", "Market"],
  ["/pool", "Pool"],
  ["/intent", "Intent"],
];

/** The frame around every page: the navigation, the chain's state, then the page. */
export function Layout({ path, children }: { path: string; children: ReactNode }) {
  const { config, status } = useDashboard();
  const section = `/${path.split("/")[1] ?? ""}`;
  return (
    <div className="layout">
      <header>
        <span className="brand">Convergence</span>
        <nav>
          {pages.map(([to, label]) => (
            <Link key={to} to={to} className={section === to ? "active" : undefined}>
              {label}
            </Link>
          ))}
        </nav>
        <span className="chain" data-chain-state={status.state}>
          chain {config.chainId} ·{" "}
          {status.state === "up" || status.state === "undeployed" ? `block ${status.blockNumber}` : status.state}
        </span>
      </header>
      <ChainBanner status={status} config={config} />
      <main>{children}</main>
    </div>
  );
}
