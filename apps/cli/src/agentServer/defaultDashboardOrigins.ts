/** The dashboard's default port (`convergence devnet --dashboard-port`). */
export const DEFAULT_DASHBOARD_PORT = 5173;

/** The pages `convergence agent serve` lets call it when no --allow-origin is given: the dashboard on its default port. */
export const DEFAULT_DASHBOARD_ORIGINS: readonly string[] = [
  `http://127.0.0.1:${DEFAULT_DASHBOARD_PORT}`,
  `http://localhost:${DEFAULT_DASHBOARD_PORT}`,
];
