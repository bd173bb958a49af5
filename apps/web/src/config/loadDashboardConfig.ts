import { DashboardConfigError } from "./DashboardConfigError.ts";
import type { DashboardConfig } from "./dashboardConfig.ts";
import { parseDashboardConfig } from "./parseDashboardConfig.ts";

/**
 * Reads `/config.json` from the server that served the page, checked.
 *
 * @example
 * const config = await loadDashboardConfig();
 */
export async function loadDashboardConfig(): Promise<DashboardConfig> {
  let response: Response;
  try {
    response = await fetch("/config.json", { cache: "no-store" });
  } catch (cause) {
    throw new DashboardConfigError(`the dashboard server did not answer /config.json (${String(cause)})`);
  }
  if (!response.ok) throw new DashboardConfigError(`/config.json answered HTTP ${response.status}`);
  return parseDashboardConfig({ value: await response.json() });
}
