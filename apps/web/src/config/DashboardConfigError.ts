/** A /config.json the page cannot use, or could not read: what was wrong, so the error state can say it. */
export class DashboardConfigError extends Error {
  override name = "DashboardConfigError";
}
