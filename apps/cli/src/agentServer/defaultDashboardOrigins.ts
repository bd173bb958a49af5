/** The dashboard's default port (`convergence devnet --dashboard-port`). */
export const DEFAULT_DASHBOARD_PORT = 5173;

/**
 * The pages `convergence agent serve` lets call it when no --allow-origin is given: the dashboard on its default port,
 * as it is served (127.0.0.1 only). Not http://localhost:5173: Vite's dev server binds `localhost` (often [::1]) on
 * the same port beside the dashboard's 127.0.0.1 socket, and a page there must not drive the agent.
 */
export const DEFAULT_DASHBOARD_ORIGINS: readonly string[] = [`http://127.0.0.1:${DEFAULT_DASHBOARD_PORT}`];
