import { createContext } from "react";
import type { PublicClient } from "viem";
import type { ChainStatus } from "../chain/useChainStatus.ts";
import type { DashboardConfig } from "./dashboardConfig.ts";

/**
 * What every page reads: the server's config, a client for its chain, whether the chain answers, and a counter that goes
 * up on every stack event (reload on it).
 */
export type Dashboard = { config: DashboardConfig; client: PublicClient; status: ChainStatus; version: number };

export const DashboardContext = createContext<Dashboard | null>(null);
