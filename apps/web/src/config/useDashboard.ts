import { useContext } from "react";
import { type Dashboard, DashboardContext } from "./DashboardContext.ts";

/**
 * The server's config and the chain client, for a page under `<App>` (which loads /config.json first).
 *
 * @example
 * const { config, client } = useDashboard();
 */
export function useDashboard(): Dashboard {
  const dashboard = useContext(DashboardContext);
  if (!dashboard) throw new Error("useDashboard is used outside <App>: the config is not loaded yet");
  return dashboard;
}
